import type { Context, SQSEvent } from 'aws-lambda';
import { handler } from '../functions/import-worker';

/**
 * The import bench's worker process. The bench bundles this file with the
 * import worker as the stack bundles a function and runs it in a node
 * process of its own: it calls the handler with each SQS event the bench
 * sends (with a 15-minute Lambda context, as the worker has), and reports
 * its memory when the bench says the run is over.
 */
export type WorkerProcessCommand = { readonly event: SQSEvent } | { readonly finish: true };

export type WorkerProcessReply =
  | { readonly handled: true; readonly failures: number }
  | {
      readonly baselineRssMb: number;
      readonly peakRssMb: number;
      readonly peakHeapUsedMb: number;
      /** The V8 heap the process had taken from the system, and the memory outside it (buffers). */
      readonly peakHeapTotalMb: number;
      readonly peakExternalMb: number;
    };

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** A Lambda context with the worker's 15 minutes, counted from now. */
function workerContext(): Context {
  const deadline = Date.now() + 900_000;
  return { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) } as Context;
}

const send = (reply: WorkerProcessReply, then: () => void = () => {}) => process.send?.(reply, then);

const baseline = process.memoryUsage().rss;
const peak = { heapUsed: 0, heapTotal: 0, external: 0 };
const sampler = setInterval(() => {
  const { heapUsed, heapTotal, external } = process.memoryUsage();
  peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
  peak.heapTotal = Math.max(peak.heapTotal, heapTotal);
  peak.external = Math.max(peak.external, external);
}, 100);

process.on('message', async (command: WorkerProcessCommand) => {
  if ('event' in command) {
    const response = await handler(command.event, workerContext());
    send({ handled: true, failures: response?.batchItemFailures?.length ?? 0 });
    return;
  }
  clearInterval(sampler);
  // The kernel's high-water mark of the process's resident set, in KiB: no peak between samples is missed.
  send(
    {
      baselineRssMb: mb(baseline),
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
      peakHeapUsedMb: mb(peak.heapUsed),
      peakHeapTotalMb: mb(peak.heapTotal),
      peakExternalMb: mb(peak.external),
    },
    () => process.exit(0),
  );
});
