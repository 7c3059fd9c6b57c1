// A second opinion on bench/load.ts: the same kind of request (one POST with expectReplies, a fresh
// conversation each time) driven by autocannon, so a flaw in the bench's own loader would show as
// a gap between the two. autocannon records latency in whole milliseconds, 2xx responses only.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface CrossCheck {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  /** 2xx replies whose body had no `activities` list. */
  badBodies: number;
  seconds: number;
}

/**
 * `request(n)` gives the path and activity for the n-th request; each gets a fresh conversation id
 * through `conversationId`.
 */
export async function autocannonCrossCheck(
  url: string,
  request: (n: number, conversationId: string) => { path: string; body: unknown },
  options: { connections: number; seconds: number },
): Promise<CrossCheck> {
  let n = 0;
  let badBodies = 0;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    // Without a timeout of its own a stuck server would hold the run; 10 s is far above any p99 here.
    timeout: 10,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest(req) {
          const next = request(n++, `bench-${randomUUID()}`);
          req.path = next.path;
          req.body = JSON.stringify(next.body);
          return req;
        },
        onResponse(status, body) {
          if (status >= 200 && status < 300 && !body.includes('"activities"')) badBodies++;
        },
      },
    ],
  });
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    badBodies,
    seconds: result.duration,
  };
}
