import { describe, expect, it } from 'vitest';
import { createAccount } from '#domain/accounts/account';
import { accountEvents, newAccountEvent } from '#domain/accounts/account-events';
import { pickEvents } from '#domain/event-definition';
import { type ConsumerLog, domainEventConsumer, type SeenEvents } from '#runtime/queue-consumer';
import { swedishChange } from '../../support/change-context';
import { busEnvelope, sqsEvent, sqsRecord } from '../../support/queue-messages';

const ctx = swedishChange('2026-03-02T09:00:00.000Z', 'anna');
let nextId = 0;
const ids = { ids: { next: () => `01KEVENT${String(++nextId).padStart(18, '0')}` } };

const account = createAccount(
  '01KACCOUNT0000000000000001',
  { name: 'Bageri Solrosen AB', customerType: 'B2B' },
  ctx,
);
const accountUpdated = () =>
  newAccountEvent(ids, ctx, 'AccountUpdated', {
    subject: { type: 'account', id: account.id },
    data: { account },
    changes: [{ field: 'name', from: 'Solrosen', to: account.name }],
  });
const contactDeleted = () =>
  newAccountEvent(ids, ctx, 'ContactDeleted', {
    subject: { type: 'contact', id: 'contact-1' },
    data: { contactId: 'contact-1' },
  });

/** A message on the queue: the event in the envelope EventBridge puts around it. */
const message = (
  messageId: string,
  event: { readonly id: string; readonly type: string; readonly source: string },
) => sqsRecord(messageId, JSON.stringify(busEnvelope(event)));

/** Keeps what the shell logs, by level. */
class RecordingLog implements ConsumerLog {
  readonly lines: { level: string; message: string; details: unknown }[] = [];
  info = (message: string, details: unknown) => this.record('info', message, details);
  warn = (message: string, details: unknown) => this.record('warn', message, details);
  error = (message: string, details: unknown) => this.record('error', message, details);
  private record(level: string, message: string, details: unknown) {
    this.lines.push({ level, message, details });
  }
  at(level: string) {
    return this.lines.filter((l) => l.level === level);
  }
}

/** A consumer of account updates that keeps the names it saw; `fails` makes an event's handling throw. */
function accountUpdates(options: { seen?: SeenEvents; fails?: string } = {}) {
  const log = new RecordingLog();
  const names: string[] = [];
  const handler = domainEventConsumer({
    serviceName: 'test-consumer',
    handles: pickEvents(accountEvents, ['AccountUpdated']),
    handle: async (event) => {
      if (event.id === options.fails) throw new Error('the table is having a moment');
      // Typed by the declared event: the payload is an Account, no cast needed.
      names.push(event.data.account.name);
    },
    logger: log,
    ...(options.seen ? { seen: options.seen } : {}),
  });
  return { handler, log, names };
}

describe('domainEventConsumer', () => {
  it('hands a valid event to the domain, typed as the event it declares', async () => {
    // Prepare
    const { handler, names } = accountUpdates();

    // Act
    const response = await handler(sqsEvent(message('m-1', accountUpdated())));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(names).toEqual(['Bageri Solrosen AB']);
  });

  it('reports unreadable messages as failures with the reason logged, and handles the rest of the batch', async () => {
    // Prepare
    const { handler, log, names } = accountUpdates();
    const badPayload = { ...accountUpdated(), data: { account: 'Solrosen' } };
    const renamed = { ...accountUpdated(), type: 'AccountRenamed' };
    const wrongEnvelope = sqsRecord(
      'm-envelope',
      JSON.stringify({ ...busEnvelope(accountUpdated()), 'detail-type': 'AccountDeleted' }),
    );

    // Act
    const response = await handler(
      sqsEvent(
        sqsRecord('m-not-json', '{"detail":'),
        message('m-unknown-type', renamed),
        message('m-bad-payload', badPayload),
        wrongEnvelope,
        message('m-good', accountUpdated()),
      ),
    );

    // Assess
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: 'm-not-json' },
      { itemIdentifier: 'm-unknown-type' },
      { itemIdentifier: 'm-bad-payload' },
      { itemIdentifier: 'm-envelope' },
    ]);
    expect(names).toEqual(['Bageri Solrosen AB']);
    expect(log.at('error').map((l) => l.details)).toEqual([
      { messageId: 'm-not-json', reason: 'the body is not JSON' },
      { messageId: 'm-unknown-type', reason: 'unknown event type "AccountRenamed"' },
      {
        messageId: 'm-bad-payload',
        reason: 'not a valid AccountUpdated event: data.account: expected Account (an object with its id)',
      },
      {
        messageId: 'm-envelope',
        reason:
          'the envelope says gridline.accounts AccountDeleted, its event is gridline.accounts AccountUpdated',
      },
    ]);
  });

  it('handles an event that comes twice in one batch once', async () => {
    // Prepare
    const { handler, log, names } = accountUpdates();
    const event = accountUpdated();

    // Act
    const response = await handler(sqsEvent(message('m-1', event), message('m-2', event)));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(names).toEqual(['Bageri Solrosen AB']);
    expect(log.at('warn')).toMatchObject([
      { details: { messageId: 'm-2', eventId: event.id, handledBy: 'm-1' } },
    ]);
  });

  it('skips events it does not handle, without failing them', async () => {
    // Prepare
    const { handler, log, names } = accountUpdates();

    // Act
    const response = await handler(sqsEvent(message('m-1', contactDeleted())));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(names).toEqual([]);
    expect(log.at('info')).toMatchObject([{ details: { messageId: 'm-1', type: 'ContactDeleted' } }]);
  });

  it('skips an event of a type it does not handle unread: it has only its own events’ definitions', async () => {
    // Prepare
    const { handler, log } = accountUpdates();
    const deleted = contactDeleted();
    const brokenPayload = { ...deleted, data: 'not a contact' };

    // Act
    const response = await handler(sqsEvent(message('m-1', brokenPayload)));

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(log.at('error')).toEqual([]);
    expect(log.at('info')).toMatchObject([
      { details: { messageId: 'm-1', eventId: deleted.id, type: 'ContactDeleted' } },
    ]);
  });

  it('refuses an event of a type it does not handle in an envelope that says another', async () => {
    // Prepare
    const { handler, log, names } = accountUpdates();
    const misrouted = sqsRecord(
      'm-1',
      JSON.stringify({ ...busEnvelope(contactDeleted()), 'detail-type': 'AccountUpdated' }),
    );

    // Act
    const response = await handler(sqsEvent(misrouted, message('m-2', accountUpdated())));

    // Assess
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(names).toEqual(['Bageri Solrosen AB']);
    expect(log.at('error').map((l) => l.details)).toEqual([
      {
        messageId: 'm-1',
        reason:
          'the envelope says gridline.accounts AccountUpdated, its event is gridline.accounts ContactDeleted',
      },
    ]);
  });

  it('reports only the message whose handling failed', async () => {
    // Prepare
    const failing = accountUpdated();
    const { handler, names } = accountUpdates({ fails: failing.id });

    // Act
    const response = await handler(sqsEvent(message('m-1', failing), message('m-2', accountUpdated())));

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(names).toEqual(['Bageri Solrosen AB']);
  });

  it('skips an event its seen store knows, and records the ones it handled', async () => {
    // Prepare
    const handled = new Set<string>();
    const seen: SeenEvents = {
      has: async (eventId) => handled.has(eventId),
      add: async (eventId) => {
        handled.add(eventId);
      },
    };
    const { handler, names } = accountUpdates({ seen });
    const event = accountUpdated();

    // Act
    await handler(sqsEvent(message('m-1', event)));
    const again = await handler(sqsEvent(message('m-2', event)));

    // Assess
    expect(again).toEqual({ batchItemFailures: [] });
    expect(names).toEqual(['Bageri Solrosen AB']);
    expect(handled).toEqual(new Set([event.id]));
  });

  it('fails the whole invocation when every message of the batch is unreadable, so none is lost', async () => {
    // Prepare
    const { handler } = accountUpdates();

    // Act
    const answer = handler(sqsEvent(sqsRecord('m-1', 'not json')));

    // Assess
    await expect(answer).rejects.toThrow('All records failed processing');
  });

  it('gives the domain the time left, from Lambda’s context or, called directly without one, from the longest invocation', async () => {
    // Prepare
    const left: number[] = [];
    const handler = domainEventConsumer({
      serviceName: 'test-consumer',
      handles: pickEvents(accountEvents, ['AccountUpdated']),
      handle: async (_event, time) => {
        left.push(time.remainingMs());
      },
    });
    const context = { awsRequestId: 'r-1', getRemainingTimeInMillis: () => 4_000 } as never;

    // Act
    await handler(sqsEvent(message('m-1', accountUpdated())), context);
    await handler(sqsEvent(message('m-2', accountUpdated())));

    // Assess
    expect(left[0]).toBe(4_000);
    expect(left[1]).toBeGreaterThan(14 * 60 * 1000);
  });
});
