// Ports for tests that start the service as a separate process: the process binds the port
// itself, so the test picks a free one first and checks it was let go afterwards.
import { createServer, type Server } from 'node:net';

/** Listens on `port` (0: any free one) on every address, as the server does. */
export function occupy(port: number): Promise<Server> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '::', () => done(server));
  });
}

export async function freePort(): Promise<number> {
  const server = await occupy(0);
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** Whether the port can be bound now. */
export async function portIsFree(port: number): Promise<boolean> {
  try {
    const server = await occupy(port);
    await new Promise((done) => server.close(done));
    return true;
  } catch {
    return false;
  }
}
