// Server entry: read the environment, compose, listen, and stop cleanly on SIGTERM.
import { existsSync } from 'node:fs';
import { createApp } from './app.js';
import { createClasp } from './clasp.js';
import { ConfigError, loadConfig } from './config.js';

async function main(): Promise<void> {
  // A local .env is a convenience for operators; real deployments set the environment.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig(process.env);
  const clasp = await createClasp(config);
  const app = createApp(clasp);
  app.server.listen(config.port, () => {
    clasp.logger.info({ port: config.port, brands: clasp.kb.brandIds, defaultBrand: config.defaultBrand }, `Clasp listening on http://localhost:${config.port}`);
  });
  const stop = () => {
    clasp.logger.info('shutting down');
    setTimeout(() => process.exit(0), 5_000).unref();
    void app
      .close()
      .then(() => clasp.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Clasp could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
