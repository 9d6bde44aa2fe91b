import { describe, expect, it } from 'vitest';
import type { ReadingStore, RecordedReading, RegisterMarker } from '#domain/energy/journey-stores';
import type { MeterReading } from '#domain/energy/meter-readings';
import {
  checkPageSize,
  coversCheck,
  prefixFields,
  ReadingService,
  readingOf,
  registerProblems,
} from '#domain/energy/reading-service';
import type { SupplyPoint } from '#domain/energy/supply-point';
import { NotFoundError, ValidationError } from '#domain/errors';
import type { Actor } from '#domain/ports';

const actor: Actor = { tenantId: 'tatra', userId: 'tatra-admin' };

function reading(date: string, value: number, overrides: Partial<MeterReading> = {}): MeterReading {
  return { register: '1.8.0', date, value, kind: 'actual', meterNumber: 'M-1', ...overrides };
}

const supplyPoint = (meterNumber?: string) =>
  ({ id: 'sp-1', accountId: 'acc-1', meter: meterNumber ? { number: meterNumber } : {} }) as SupplyPoint;

/** Readings in memory, ordered as the table orders them; counts the pages read. */
function memoryStore() {
  const readings: RecordedReading[] = [];
  const markers = new Map<string, RegisterMarker>();
  const sk = (r: RecordedReading) => `${r.register}#${r.date}#${r.id}`;
  const newestFirst = (register: string | undefined) =>
    readings
      .filter((r) => register === undefined || r.register === register)
      .sort((a, b) => sk(b).localeCompare(sk(a)));
  const store: ReadingStore & { readonly pagesRead: number[] } = {
    pagesRead: [],
    marker: async (_t, _s, register) => markers.get(register),
    list: async (_t, _s, register, page) => {
      const all = newestFirst(register);
      const from = Number(page.cursor ?? 0);
      const next = from + page.limit;
      return { items: all.slice(from, next), ...(next < all.length ? { nextCursor: String(next) } : {}) };
    },
    readBack: async (_t, _s, register, pageSize, enough) => {
      const all = newestFirst(register);
      const found: RecordedReading[] = [];
      do {
        const page = all.slice(found.length, found.length + pageSize);
        store.pagesRead.push(page.length);
        found.push(...page);
      } while (found.length < all.length && !enough(found));
      return found;
    },
    record: async (r, marker) => {
      readings.push(r);
      markers.set(r.register, { register: r.register, version: (marker?.version ?? 0) + 1, latest: r });
      return { value: r, replayed: false };
    },
    replayOf: async () => undefined,
  };
  return { store, readings };
}

function service(store: ReadingStore, meterNumber: string | undefined = 'M-1') {
  let id = 0;
  return new ReadingService({
    tenants: { profile: async (tenantId) => ({ id: tenantId }) as never },
    clock: { now: () => new Date('2025-06-01T08:00:00.000Z') },
    ids: { next: () => `id-${String(++id).padStart(4, '0')}` },
    readings: store,
    supplyPoints: {
      get: async (_actor, supplyPointId) => {
        if (supplyPointId !== 'sp-1') throw new NotFoundError('supply point', supplyPointId);
        return supplyPoint(meterNumber);
      },
    },
  });
}

/** The first of every month of 2023–2024, rising by 100 a month. */
const monthly = Array.from({ length: 24 }, (_, i) => {
  const month = new Date(Date.UTC(2023, i, 1)).toISOString().slice(0, 10);
  return { date: month, value: 1_000 + 100 * i };
});

describe('coversCheck', () => {
  it('is true once a reading of the same meter dated before the new one is among them', () => {
    // Prepare
    const next = reading('2025-03-01', 500);

    // Act
    const covered = [
      coversCheck([reading('2025-04-01', 600)], next),
      coversCheck([reading('2025-02-01', 450, { meterNumber: 'M-2' })], next),
      coversCheck([reading('2025-02-01', 450, { register: 'NT' })], next),
      coversCheck([reading('2025-03-01', 450)], next),
      coversCheck([reading('2025-04-01', 600), reading('2025-02-01', 450)], next),
    ];

    // Assess
    expect(covered).toEqual([false, false, false, false, true]);
  });
});

describe('registerProblems', () => {
  it.each(['1.8.0', 'HT', 'NT', 'gas', '1-0:1.8.0*255'])('accepts %s', (register) => {
    // Act
    const problems = registerProblems(register);

    // Assess
    expect(problems).toEqual([]);
  });

  it.each(['', '1.8.0#2', 'a b', 'x'.repeat(41)])('refuses %j, which cannot be part of a key', (register) => {
    // Act
    const problems = registerProblems(register, 'openingReading.register');

    // Assess
    expect(problems).toEqual([{ name: 'openingReading.register', reason: expect.any(String) }]);
  });
});

describe('readingOf', () => {
  it('takes the supply point’s meter number unless one is given', () => {
    // Act
    const defaulted = readingOf(
      { register: '1.8.0', date: '2025-01-01', value: 1, kind: 'actual' },
      supplyPoint('M-1'),
    );
    const given = readingOf(
      { register: '1.8.0', date: '2025-01-01', value: 1, kind: 'actual', meterNumber: 'M-9' },
      supplyPoint('M-1'),
    );

    // Assess
    expect([defaulted.meterNumber, given.meterNumber]).toEqual(['M-1', 'M-9']);
  });

  it('names the meter number when neither the reading nor the supply point has one', () => {
    // Act
    const act = () =>
      readingOf(
        { register: '1.8.0', date: '2025-01-01', value: 1, kind: 'actual' },
        supplyPoint(),
        'closingReading.',
      );

    // Assess
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(/closingReading\.meterNumber: the supply point has no meter number/);
  });
});

describe('prefixFields', () => {
  it('names each field inside the object that carried it', () => {
    // Act
    const error = prefixFields(
      new ValidationError([{ name: 'value', reason: 'is lower' }]),
      'openingReading.',
    );

    // Assess
    expect(error.fields).toEqual([{ name: 'openingReading.value', reason: 'is lower' }]);
  });
});

describe('ReadingService.record', () => {
  it('does not read earlier readings for a register’s first reading, and one page for the next', async () => {
    // Prepare
    const { store } = memoryStore();
    const readings = service(store);

    // Act
    await readings.record(actor, 'sp-1', reading('2025-01-01', 100));
    const afterFirst = [...store.pagesRead];
    await readings.record(actor, 'sp-1', reading('2025-02-01', 150));

    // Assess
    expect(afterFirst).toEqual([]);
    expect(store.pagesRead).toEqual([1]);
  });

  it('pages back as far as a late reading needs, and refuses one that contradicts its neighbours', async () => {
    // Prepare: two years of monthly readings, more than one page.
    const { store, readings: stored } = memoryStore();
    const readings = service(store);
    for (const m of monthly) await readings.record(actor, 'sp-1', reading(m.date, m.value));
    store.pagesRead.length = 0;

    // Act: mid-January 2023 lies between 1000 (Jan) and 1100 (Feb), 23 readings back.
    const refused = await readings
      .record(actor, 'sp-1', reading('2023-01-15', 1_150))
      .catch((e: unknown) => e);
    const pagesForRefused = [...store.pagesRead];
    const accepted = await readings.record(actor, 'sp-1', reading('2023-01-15', 1_050));

    // Assess
    expect(monthly.length).toBeGreaterThan(checkPageSize);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields).toEqual([
      { name: 'value', reason: expect.stringContaining('higher than the later reading 1100 on 2023-02-01') },
    ]);
    expect(pagesForRefused).toEqual([checkPageSize, monthly.length - checkPageSize]);
    expect(accepted.value).toMatchObject({ date: '2023-01-15', value: 1_050, supplyPointId: 'sp-1' });
    expect(stored).toHaveLength(monthly.length + 1);
  });

  it('answers an unknown supply point as not found, before anything else', async () => {
    // Prepare
    const { store, readings: stored } = memoryStore();

    // Act
    const outcome = await service(store)
      .record(actor, 'sp-2', reading('2025-01-01', 1))
      .catch((e: unknown) => e);

    // Assess
    expect(outcome).toBeInstanceOf(NotFoundError);
    expect(stored).toEqual([]);
  });
});
