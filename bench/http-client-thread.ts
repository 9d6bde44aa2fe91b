import { Worker } from 'node:worker_threads';

/** What the client thread answers: the response, and how long it took as the client saw it. */
export interface TimedResponse {
  readonly status: number;
  readonly text: string;
  readonly elapsedMs: number;
}

interface Request {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

// Plain JavaScript: the thread runs without the TypeScript loader. Node's own HTTP client on one
// kept-alive connection, as the AWS SDK sends the bare write it is compared with (fetch's own work
// per request was about half a millisecond more, counted as the API's).
const clientSource = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
parentPort.on('message', ({ id, url, method, headers, body }) => {
  const started = performance.now();
  let answered = false;
  const answer = (message) => {
    if (answered) return;
    answered = true;
    parentPort.postMessage({ id, ...message });
  };
  const fail = (error) => answer({ error: String(error) });
  try {
    const request = http.request(url, { method, headers, agent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        answer({
          status: response.statusCode,
          text: Buffer.concat(chunks).toString('utf8'),
          elapsedMs: performance.now() - started,
        }),
      );
      response.on('error', fail);
    });
    request.on('error', fail);
    // A hang guard, not a speed check: a stalled answer fails the call instead of the whole run.
    request.setTimeout(60000, () => request.destroy(new Error('no answer within 60 s')));
    request.end(body);
  } catch (error) {
    fail(error);
  }
});
`;

/**
 * An HTTP client on a thread of its own, as a browser is a process of its
 * own: the local runtime serves every function and consumer on one event
 * loop, and a client sharing that loop would have its own parsing and its
 * callbacks wait behind the consumers' work and be counted as the API's.
 * The time is taken on the client's thread, from sending to the last byte.
 */
export class HttpClientThread {
  private readonly worker = new Worker(clientSource, { eval: true });
  private readonly pending = new Map<number, (answer: TimedResponse | { error: string }) => void>();
  private next = 0;
  /** Why the thread is gone, once it is: later calls fail with it instead of waiting. */
  private gone?: string;

  constructor() {
    this.worker.on('message', (answer: (TimedResponse | { error: string }) & { id: number }) => {
      this.pending.get(answer.id)?.(answer);
      this.pending.delete(answer.id);
    });
    // A thread that died answers every call still waiting with its failure.
    const failAll = (error: string) => {
      this.gone ??= error;
      for (const settle of this.pending.values()) settle({ error });
      this.pending.clear();
    };
    this.worker.on('error', (error) => failAll(String(error)));
    this.worker.on('exit', (code) => failAll(`the client thread exited (${code})`));
    this.worker.unref();
  }

  async send(request: Request): Promise<TimedResponse> {
    if (this.gone) throw new Error(`${request.method} ${request.url} failed: ${this.gone}`);
    const id = this.next++;
    const answer = await new Promise<TimedResponse | { error: string }>((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, ...request });
    });
    if ('error' in answer) throw new Error(`${request.method} ${request.url} failed: ${answer.error}`);
    return answer;
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
