import { describe, expect, it } from 'vitest';
import {
  acceptedCorrelationId,
  currentCorrelation,
  withCorrelation,
} from '#adapters/observability/correlation';
import { createAccount } from '#domain/accounts/account';
import { accountEvents, newAccountEvent } from '#domain/accounts/account-events';
import { pickEvents } from '#domain/event-definition';
import { readDomainEvent } from '#domain/event-reading';
import { domainEventConsumer } from '#runtime/queue-consumer';
import { outboxPut } from '#table/core/outbox';
import { createTable } from '#table/core/table';
import { swedishChange } from '../../support/change-context';
import { busEnvelope, sqsEvent, sqsRecord } from '../../support/queue-messages';

const ctx = swedishChange('2026-03-02T09:00:00.000Z', 'anna');
const account = createAccount('01KACCOUNT0000000000000001', { name: 'Spår AB', customerType: 'B2B' }, ctx);
let nextId = 0;
const accountUpdated = (correlationId?: string) => {
  const event = newAccountEvent(
    { ids: { next: () => `01KEVENT${String(++nextId).padStart(18, '0')}` } },
    ctx,
    'AccountUpdated',
    { subject: { type: 'account', id: account.id }, data: { account } },
  );
  return correlationId === undefined ? event : { ...event, correlationId };
};

/** The event an outbox Put writes. */
const outboxEventOf = (item: ReturnType<typeof outboxPut>) =>
  (item as unknown as { Put: { Item: { event: Record<string, unknown> } } }).Put.Item.event;

const table = createTable('gridline-test');

describe('the correlation of work', () => {
  it('is stamped on an event written to the outbox while it runs, and kept when the event has one', () => {
    const during = withCorrelation({ correlationId: 'req-1' }, () => outboxPut(table, accountUpdated()));
    const own = withCorrelation({ correlationId: 'req-2' }, () =>
      outboxPut(table, accountUpdated('earlier')),
    );
    const outside = outboxPut(table, accountUpdated());

    expect(outboxEventOf(during).correlationId).toBe('req-1');
    expect(outboxEventOf(own).correlationId).toBe('earlier');
    expect(outboxEventOf(outside)).not.toHaveProperty('correlationId');
  });

  it('learns the tenant of work that did not know it from the first event it writes', () => {
    const tenants = withCorrelation({ correlationId: 'webhook-1' }, () => {
      const before = currentCorrelation()?.tenantId;
      outboxPut(table, accountUpdated());
      return [before, currentCorrelation()?.tenantId];
    });

    expect(tenants).toEqual([undefined, accountUpdated().tenantId]);
  });

  it('is read back with the event by consumers, and an overlong one makes the event unreadable', () => {
    const read = readDomainEvent(accountUpdated('req-9'));
    const tooLong = readDomainEvent(accountUpdated('x'.repeat(129)));

    expect(read.ok && read.event.correlationId).toBe('req-9');
    expect(tooLong.ok).toBe(false);
  });

  it('of each consumed event is the event’s, so what its handling writes carries the request’s id on', async () => {
    // Prepare: two events of two requests in one batch, and one written before correlation ids existed.
    const seen: unknown[] = [];
    const handler = domainEventConsumer({
      serviceName: 'test-consumer',
      handles: pickEvents(accountEvents, ['AccountUpdated']),
      handle: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, event.correlationId === 'req-a' ? 20 : 0));
        seen.push({
          ...currentCorrelation(),
          written: outboxEventOf(outboxPut(table, accountUpdated())).correlationId,
        });
      },
    });
    const [a, b, old] = [accountUpdated('req-a'), accountUpdated('req-b'), accountUpdated()];

    // Act
    await handler(
      sqsEvent(
        sqsRecord('m-a', JSON.stringify(busEnvelope(a))),
        sqsRecord('m-b', JSON.stringify(busEnvelope(b))),
        sqsRecord('m-old', JSON.stringify(busEnvelope(old))),
      ),
    );

    // Assess: concurrent records keep their own; the old event's id stands in for its correlation.
    expect(seen).toEqual(
      expect.arrayContaining([
        { correlationId: 'req-a', tenantId: a.tenantId, eventId: a.id, messageId: 'm-a', written: 'req-a' },
        { correlationId: 'req-b', tenantId: b.tenantId, eventId: b.id, messageId: 'm-b', written: 'req-b' },
        {
          correlationId: old.id,
          tenantId: old.tenantId,
          eventId: old.id,
          messageId: 'm-old',
          written: old.id,
        },
      ]),
    );
    expect(seen).toHaveLength(3);
  });

  it('takes a caller’s id only when it is a plain token of at most 128 characters', () => {
    expect(acceptedCorrelationId('ticket-4711:retry.2')).toBe('ticket-4711:retry.2');
    expect(acceptedCorrelationId('two words')).toBeUndefined();
    expect(acceptedCorrelationId('x'.repeat(129))).toBeUndefined();
    expect(acceptedCorrelationId('')).toBeUndefined();
    expect(acceptedCorrelationId(undefined)).toBeUndefined();
  });
});
