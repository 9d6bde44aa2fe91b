/**
 * Where an alarm's reader finds what to do: sections of docs/operations.md.
 * The infra tests hold every anchor to a heading of that file.
 */
export const runbook = {
  function: 'a-function-alarm',
  outboxRelay: 'the-outbox-relay-falls-behind',
  api: 'the-api-answers-with-5xx-or-slowly',
  table: 'the-table-throttles-or-fails',
  queue: 'a-queue-falls-behind',
  deadLetters: 'a-dead-letter-queue-is-not-empty',
  scheduleDeadLetters: 'a-fixed-schedules-dead-letter-queue-is-not-empty',
  streamFailures: 'the-outbox-relays-failure-queue-is-not-empty',
  runTimeSchedules: 'customer-service-mail-and-timers',
  delivery: 'a-rule-or-schedule-fails-to-deliver',
  deadLetterDelivery: 'a-failure-could-not-be-put-in-its-dead-letter-queue',
  mailReputation: 'newsletters',
} as const;

export type RunbookSection = (typeof runbook)[keyof typeof runbook];

/** The link an alarm's description ends with. */
export const runbookLink = (section: RunbookSection): string => `docs/operations.md#${section}`;
