// Server entry: read the environment, compose, listen, and stop cleanly on SIGTERM or SIGINT.
// `npm start` runs this file as its one process (package.json), so npm's signals reach it.
import { existsSync } from 'node:fs';
import { createApp } from './app.js';
import { createClasp } from './clasp.js';
import { ConfigError, loadConfig } from './config.js';

// What closing the outbox and the mail connection may take after the HTTP side has drained.
const CLOSE_MARGIN_MS = 5_000;

function listenProblem(error: NodeJS.ErrnoException, port: number): string {
  if (error.code === 'EADDRINUSE') return `Port ${port} is already in use; set PORT to another port.`;
  if (error.code === 'EACCES') return `Port ${port} needs privileges this process does not have; set PORT to a port above 1023.`;
  return `Clasp could not listen on port ${port} (${error.code ?? error.message}); set PORT to another port.`;
}

async function main(): Promise<void> {
  // A local .env is a convenience for operators; real deployments set the environment.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const clasp = await createClasp(config);
  const app = createApp(clasp);
  // A port that cannot be taken is the operator's to fix: one line naming it and the key, not a
  // stack trace.
  const cannotListen = (error: NodeJS.ErrnoException) => {
    console.error(listenProblem(error, config.port));
    process.exit(1);
  };
  app.server.once('error', cannotListen);
  app.server.listen(config.port, () => {
    app.server.removeListener('error', cannotListen);
    const { port } = app.server.address();
    clasp.logger.info({ port, brands: clasp.kb.brandIds, defaultBrand: clasp.defaultBrand }, `Clasp listening on http://localhost:${port}`);
    clasp.warmUp().catch((error: unknown) => clasp.logger.error({ err: error }, 'warm-up failed'));
  });
  const graceMs = config.shutdownGraceSeconds * 1000;
  const stop = (signal: NodeJS.Signals) => {
    clasp.logger.info({ signal, graceMs }, 'shutting down: finishing the turns in flight');
    // Whatever happens below, the process is gone within the bound.
    setTimeout(() => {
      clasp.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, graceMs + CLOSE_MARGIN_MS).unref();
    void app
      .close({ graceMs })
      .then(() => clasp.close())
      .then(() => {
        clasp.logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        clasp.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // A promise nobody awaited failed: that is a bug to fix, not a reason to drop every shopper's
  // conversation with the process. Turns catch their own errors; this is the net under them.
  process.on('unhandledRejection', (reason) => clasp.logger.error({ err: reason }, 'unhandled rejection'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Clasp could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
