// A small closed-loop load generator: N workers over one keep-alive agent, each running a
// scenario back to back until a deadline (or a total count), recording every request's latency.
import http from 'node:http';

export interface Reply {
  status: number;
  body: any;
}

export interface Client {
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Reply>;
  get(path: string, headers?: Record<string, string>): Promise<Reply>;
}

export interface Result {
  requests: number;
  iterations: number;
  /** Requests answered 4xx/5xx or failed on the socket. */
  errors: number;
  /** Scenario runs that threw (a bad status, no reply in time). */
  failedIterations: number;
  statuses: Map<number, number>;
  seconds: number;
  /** The load generator's own CPU use over the run, in % of one core (near 100: it is the limit). */
  loaderCpuPercent: number;
  latencies: Float64Array;
  iterationLatencies: Float64Array;
}

class Recorder {
  latencies: number[] = [];
  iterationLatencies: number[] = [];
  statuses = new Map<number, number>();
  errors = 0;
  failedIterations = 0;
}

function request(agent: http.Agent, base: URL, rec: Recorder, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          rec.latencies.push(performance.now() - started);
          const status = res.statusCode ?? 0;
          rec.statuses.set(status, (rec.statuses.get(status) ?? 0) + 1);
          if (status >= 400) rec.errors++;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // leave as text
          }
          resolve({ status, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', (error) => {
      rec.errors++;
      reject(error);
    });
    if (payload) req.write(payload);
    req.end();
  });
}

export type Scenario = (client: Client, worker: number, iteration: number) => Promise<void>;

/** Several base URLs: requests go to each in turn, as a round-robin balancer in front would send them. */
export async function runLoad(baseUrl: string | string[], scenario: Scenario, options: { connections: number; durationMs?: number; total?: number }): Promise<Result> {
  const bases = (Array.isArray(baseUrl) ? baseUrl : [baseUrl]).map((url) => new URL(url));
  let turn = 0;
  const pick = () => bases[turn++ % bases.length]!;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const rec = new Recorder();
  const client: Client = {
    post: (path, body, headers) => request(agent, pick(), rec, 'POST', path, body ?? {}, headers),
    get: (path, headers) => request(agent, pick(), rec, 'GET', path, undefined, headers),
  };
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const deadline = options.durationMs === undefined ? Infinity : started + options.durationMs;
  let next = 0;
  const worker = async (id: number) => {
    while (performance.now() < deadline) {
      const n = next++;
      if (options.total !== undefined && n >= options.total) return;
      const t = performance.now();
      try {
        await scenario(client, id, n);
        rec.iterationLatencies.push(performance.now() - t);
      } catch {
        rec.failedIterations++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, id) => worker(id)));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  agent.destroy();
  return {
    requests: rec.latencies.length,
    iterations: rec.iterationLatencies.length,
    errors: rec.errors,
    failedIterations: rec.failedIterations,
    statuses: rec.statuses,
    seconds,
    loaderCpuPercent: ((cpu.user + cpu.system) / 1000 / 1000 / seconds) * 100,
    latencies: Float64Array.from(rec.latencies).sort(),
    iterationLatencies: Float64Array.from(rec.iterationLatencies).sort(),
  };
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
