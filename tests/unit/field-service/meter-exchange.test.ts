import { describe, expect, it } from 'vitest';
import type { RecordedReading } from '#domain/energy/journey-stores';
import type { ReadingInput } from '#domain/energy/reading-service';
import type { SupplyPoint } from '#domain/energy/supply-point';
import { ValidationError } from '#domain/errors';
import { type MeterExchangeDeps, MeterExchanges } from '#domain/field-service/meter-exchange';
import type { Actor, IdempotencyToken } from '#domain/ports';

const actor: Actor = { tenantId: 't1', userId: 'tech1' };

/**
 * The energy module as the exchange uses it: readings kept per key (a
 * repeat answers the first), and a supply point whose meter number moves.
 */
function energy(meterNumber: string) {
  const readings = new Map<string, RecordedReading>();
  let point = {
    id: 'sp1',
    version: 3,
    meter: { number: meterNumber, tariff: 'D2' },
  } as unknown as SupplyPoint;
  const updates: unknown[] = [];
  const deps: MeterExchangeDeps = {
    readings: {
      record: async (_a: Actor, supplyPointId: string, input: ReadingInput, token?: IdempotencyToken) => {
        const earlier = token && readings.get(token.key);
        if (earlier) return { value: earlier, replayed: true };
        const recorded = {
          id: `r${readings.size + 1}`,
          supplyPointId,
          ...input,
          meterNumber: input.meterNumber ?? point.meter.number,
        } as RecordedReading;
        readings.set(token?.key ?? recorded.id, recorded);
        return { value: recorded, replayed: false };
      },
    },
    supplyPoints: {
      get: async () => point,
      update: async (_a: Actor, _id: string, version: number, patch: { meter?: unknown }) => {
        if (version !== point.version) throw new Error('version mismatch');
        updates.push(patch);
        point = { ...point, version: version + 1, meter: patch.meter } as SupplyPoint;
        return point;
      },
    },
  };
  const exchanges = new MeterExchanges(deps);
  return { deps, exchanges, readings, updates, point: () => point };
}

const report = {
  oldMeterNumber: 'M-1',
  newMeterNumber: 'M-2',
  registers: [
    { register: 'HT', finalValue: 1200, firstValue: 0 },
    { register: 'NT', finalValue: 800, firstValue: 1 },
  ],
};

describe('a meter exchange', () => {
  it('ends the old meter’s series, moves the supply point and starts the new one', async () => {
    // Prepare
    const e = energy('M-1');

    // Act
    const done = await e.exchanges.record(actor, 'sp1', 'visit1', '2027-01-12', report);

    // Assess: each register's final then first reading, dated the day, and the tariff kept.
    expect([...e.readings.values()].map((r) => [r.register, r.meterNumber, r.value, r.date])).toEqual([
      ['HT', 'M-1', 1200, '2027-01-12'],
      ['NT', 'M-1', 800, '2027-01-12'],
      ['HT', 'M-2', 0, '2027-01-12'],
      ['NT', 'M-2', 1, '2027-01-12'],
    ]);
    expect(e.point().meter).toEqual({ number: 'M-2', tariff: 'D2' });
    expect(done).toEqual({ date: '2027-01-12', ...report, readingIds: ['r1', 'r2', 'r3', 'r4'] });
  });

  it('sent again after it stopped half-way, finishes without a second reading or update', async () => {
    // Prepare: a first attempt recorded everything (the work order's write then failed).
    const e = energy('M-1');
    const first = await e.exchanges.record(actor, 'sp1', 'visit1', '2027-01-12', report);

    // Act
    const again = await e.exchanges.record(actor, 'sp1', 'visit1', '2027-01-12', report);

    // Assess
    expect(e.readings.size).toBe(4);
    expect(e.updates).toHaveLength(1);
    expect(again).toEqual(first);
  });

  it('refuses when the supply point names another meter than the one taken out', async () => {
    // Prepare
    const e = energy('M-7');

    // Act
    const refused = e.exchanges.record(actor, 'sp1', 'visit1', '2027-01-12', report);

    // Assess: nothing recorded; the field named.
    await expect(refused).rejects.toMatchObject({
      code: 'changed-meanwhile',
      fields: [{ name: 'meterExchange.oldMeterNumber' }],
    });
    expect(e.readings.size).toBe(0);
  });

  it('names a refused reading after the register it belongs to', async () => {
    // Prepare: the energy module refuses the second register's final reading (lower than the last one).
    const e = energy('M-1');
    const refusing = new MeterExchanges({
      readings: {
        record: async (a, id, input, token) => {
          if (input.register === 'NT')
            throw new ValidationError([{ name: 'value', reason: 'lower than 900' }]);
          return e.deps.readings.record(a, id, input, token);
        },
      },
      supplyPoints: e.deps.supplyPoints,
    });

    // Act
    const refused = refusing.record(actor, 'sp1', 'visit1', '2027-01-12', report);

    // Assess: named as the report names it; the supply point keeps its meter.
    await expect(refused).rejects.toMatchObject({
      fields: [{ name: 'meterExchange.registers.1.finalValue', reason: 'lower than 900' }],
    });
    expect(e.point().meter.number).toBe('M-1');
  });
});
