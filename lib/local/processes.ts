/**
 * Small process helpers shared by the local emulators (DynamoDB Local, SES local):
 * free-port lookup, polling until ready, and spawning a child that is killed with a
 * SIGTERM -> SIGKILL escalation (and also when the parent process exits).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A running local service, as returned by the `start*Local` functions. */
export interface LocalService {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Asks the OS for a free TCP port on 127.0.0.1 (listen on port 0, read the port, close). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('Could not determine a free port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

/**
 * Rejects if something already listens on `port` (checked on 127.0.0.1). Without this, a readiness
 * probe would happily talk to whatever server already owns the port while our child fails to bind.
 */
export function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use`, { cause: error }) : error,
      );
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

export interface WaitUntilOptions {
  /** Give up after this many milliseconds. */
  timeoutMs: number;
  /** Pause between two checks. Default 100 ms. */
  intervalMs?: number;
  /** Stop waiting early (e.g. the child process exited). Returns a reason, or undefined to keep going. */
  abortReason?: () => string | undefined;
  /** Used in the timeout error message. */
  description: string;
}

/**
 * Calls `check` until it resolves to true. A check that throws counts as "not yet".
 * Rejects when the timeout elapses or `abortReason` returns a reason.
 */
export async function waitUntil(check: () => Promise<boolean>, options: WaitUntilOptions): Promise<void> {
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const aborted = options.abortReason?.();
    if (aborted !== undefined) {
      throw new Error(`${options.description}: ${aborted}`);
    }
    try {
      if (await check()) {
        return;
      }
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`${options.description}: not ready after ${options.timeoutMs} ms${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Sends SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited.
 * Resolves at once if it already exited.
 */
export function killWithTimeout(child: ChildProcess, graceMs = 3000): Promise<void> {
  // No pid: the spawn itself failed, so there is nothing to kill and no 'exit' will come.
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface ManagedProcess {
  child: ChildProcess;
  /** Why the process is no longer running (exit code/signal or spawn error), or undefined while it runs. */
  exitReason(): string | undefined;
  /** The last few KB of combined stdout/stderr, for error messages. */
  outputTail(): string;
  /** SIGTERM, SIGKILL after 3 s; resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const OUTPUT_TAIL_CHARS = 4000;

/**
 * Spawns a long-running child with piped output (kept as a short tail for error messages)
 * and makes sure it is SIGKILLed if the parent process exits without calling `stop()`.
 */
export function spawnManaged(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let exitReason: string | undefined;
  child.once('error', (error) => {
    exitReason ??= `failed to start: ${error.message}`;
  });
  child.once('exit', (code, signal) => {
    exitReason ??= signal !== null ? `exited with signal ${signal}` : `exited with code ${code}`;
    process.off('exit', killOnParentExit);
  });

  // 'exit' listeners must be synchronous: a plain SIGKILL is all we can do here.
  function killOnParentExit() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  }
  process.on('exit', killOnParentExit);

  let stopping: Promise<void> | undefined;
  return {
    child,
    exitReason: () => exitReason,
    outputTail: () => tail.trim(),
    stop() {
      stopping ??= killWithTimeout(child).finally(() => process.off('exit', killOnParentExit));
      return stopping;
    },
  };
}

/** Error for a service that did not come up, with the child's output tail attached. */
export function startupError(name: string, cause: unknown, proc: ManagedProcess): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const output = proc.outputTail();
  return new Error(`${name} did not start: ${reason}\n--- output (tail) ---\n${output || '(no output)'}`, {
    cause,
  });
}
