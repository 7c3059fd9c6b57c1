import { startClasp, type RunningClasp } from './clasp-server.js';

export type RunningWidget = RunningClasp;

/** The real service with a fixed Direct Line secret, for widget and browser tests. */
export function startWidgetServer(env: Record<string, string> = {}, deps: Parameters<typeof startClasp>[1] = {}): Promise<RunningWidget> {
  return startClasp({ DIRECTLINE_SECRET: 'test-secret-test-secret-test-secret-0123', ...env }, deps);
}
