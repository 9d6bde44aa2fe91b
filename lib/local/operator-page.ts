import { eventsRelayedMetric } from '#runtime/business-metrics';
import type { OperationsSnapshot } from './operations-snapshot';

const escapeHtml = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function table(headings: readonly string[], rows: readonly (readonly unknown[])[], empty: string): string {
  if (rows.length === 0) return `<p class="quiet">${escapeHtml(empty)}</p>`;
  const head = headings.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * The local runtime's operator page: queues and dead-letter depths, recent
 * failures, functions, business metrics and scheduled jobs, refreshed every
 * five seconds. No script; the same data is JSON at `?format=json`.
 */
export function operatorPage(snapshot: OperationsSnapshot): string {
  const holding = snapshot.queues.filter((q) => q.deadLetters.visible + q.deadLetters.inFlight > 0);
  const alarm =
    holding.length === 0
      ? '<p class="ok">No dead-letter queue holds a message.</p>'
      : `<p class="alarm">Dead letters in ${holding.map((q) => `${escapeHtml(q.name)}-dlq`).join(', ')}: read them with <code>npm run dlq -- peek &lt;dlq&gt;</code>, fix the cause, then <code>npm run dlq -- redrive &lt;dlq&gt;</code>.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Gridline local operations</title>
<style>
body{font:14px system-ui,sans-serif;margin:2rem;color:#222}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.25rem .75rem;text-align:left}
td:not(:first-child){font-variant-numeric:tabular-nums}.alarm{color:#a00;font-weight:600}.ok{color:#070}.quiet{color:#777}
</style></head><body>
<h1>Gridline local operations</h1>
<p class="quiet">As of ${escapeHtml(snapshot.at)}. In AWS: the stack's dashboards, alarms and saved Logs Insights queries (docs/operations.md).</p>
${alarm}
<h2>Queues</h2>
${table(
  ['queue', 'visible', 'in flight', 'sent', 'delivered', 'deleted', 'DLQ visible', 'DLQ in flight'],
  snapshot.queues.map((q) => [
    q.name,
    q.visible,
    q.inFlight,
    q.sent,
    q.deliveries,
    q.deleted,
    q.deadLetters.visible,
    q.deadLetters.inFlight,
  ]),
  'No queues.',
)}
<h2>Recent failures</h2>
${table(
  ['at', 'where', 'what'],
  snapshot.failures.map((f) => [f.at, f.where, f.what]),
  'Nothing failed since the runtime started.',
)}
<h2>Functions</h2>
${table(
  ['function', 'invocations', 'errors', 'p95 ms', 'cold starts'],
  snapshot.functions.map((f) => [f.name, f.invocations, f.errors, f.p95Ms ?? '', f.coldStarts]),
  'No function has run yet.',
)}
<h2>Events and business metrics</h2>
${table(
  ['metric', 'value'],
  [[eventsRelayedMetric, snapshot.eventsRelayed], ...Object.entries(snapshot.businessMetrics)],
  '',
)}
<h2>Scheduled jobs</h2>
${table(
  ['schedule', 'expression', 'function'],
  snapshot.fixedSchedules.map((s) => [s.name, s.expression, s.targetFunction]),
  'No fixed schedules.',
)}
<h3>Next run-time schedules (${escapeHtml(snapshot.upcomingTotal)} waiting)</h3>
${table(
  ['schedule', 'at'],
  snapshot.upcoming.map((u) => [u.name, u.at]),
  'None waiting.',
)}
</body></html>
`;
}
