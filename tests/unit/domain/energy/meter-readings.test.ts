import { describe, expect, it } from 'vitest';
import {
  checkNewReading,
  consumptionBetween,
  isCalendarDate,
  type MeterReading,
} from '#domain/energy/meter-readings';
import { validationErrorOf } from '../../../support/validation-error';

function reading(date: string, value: number, overrides: Partial<MeterReading> = {}): MeterReading {
  return { register: '1.8.0', date, value, kind: 'actual', meterNumber: 'M-100', ...overrides };
}

const history = [reading('2025-01-31', 1_000), reading('2025-03-31', 1_400), reading('2025-06-30', 2_000)];

describe('isCalendarDate', () => {
  it.each(['2025-01-31', '2024-02-29'])('accepts %s', (text) => {
    // Act
    const valid = isCalendarDate(text);

    // Assess
    expect(valid).toBe(true);
  });

  it.each(['2025-02-29', '2025-13-01', '2025-1-31', '31.01.2025', '2025-01-31T00:00:00Z'])(
    'refuses %s',
    (text) => {
      // Act
      const valid = isCalendarDate(text);

      // Assess
      expect(valid).toBe(false);
    },
  );
});

describe('checkNewReading', () => {
  it('accepts a higher value after the latest reading', () => {
    // Act
    const act = () => checkNewReading(history, reading('2025-09-30', 2_500));

    // Assess
    expect(act).not.toThrow();
  });

  it('accepts the same value as the latest reading: nothing was used', () => {
    // Act
    const act = () => checkNewReading(history, reading('2025-09-30', 2_000));

    // Assess
    expect(act).not.toThrow();
  });

  it('refuses a lower value than the latest reading of the same meter, naming value and the reading', () => {
    // Act
    const error = validationErrorOf(() => checkNewReading(history, reading('2025-09-30', 1_999)));

    // Assess
    expect(error.fields).toEqual([
      {
        name: 'value',
        reason:
          'is lower than the previous reading 2000 on 2025-06-30 (meter M-100); a lower value needs a meter change',
      },
    ]);
  });

  it('accepts a lower value from a new meter: a meter change starts a new series', () => {
    // Act
    const act = () => checkNewReading(history, reading('2025-09-30', 5, { meterNumber: 'M-200' }));

    // Assess
    expect(act).not.toThrow();
  });

  it("accepts the new meter's first reading on the day the old meter's last one was taken", () => {
    // Act
    const act = () => checkNewReading(history, reading('2025-06-30', 0, { meterNumber: 'M-200' }));

    // Assess
    expect(act).not.toThrow();
  });

  it('compares a reading of the new meter with the new series, not the old meter', () => {
    // Prepare
    const changed = [...history, reading('2025-06-30', 10, { meterNumber: 'M-200' })];

    // Act
    const accepted = () => checkNewReading(changed, reading('2025-09-30', 300, { meterNumber: 'M-200' }));
    const refused = validationErrorOf(() =>
      checkNewReading(changed, reading('2025-09-30', 9, { meterNumber: 'M-200' })),
    );

    // Assess
    expect(accepted).not.toThrow();
    expect(refused.fields[0]?.reason).toContain('previous reading 10 on 2025-06-30 (meter M-200)');
  });

  it('accepts a late reading dated before the latest one when it fits between its neighbours', () => {
    // Act
    const act = () => checkNewReading(history, reading('2025-05-15', 1_700, { kind: 'estimated' }));

    // Assess
    expect(act).not.toThrow();
  });

  it('refuses a late reading higher than the reading after it', () => {
    // Act
    const error = validationErrorOf(() => checkNewReading(history, reading('2025-05-15', 2_001)));

    // Assess
    expect(error.fields).toEqual([
      {
        name: 'value',
        reason: 'is higher than the later reading 2000 on 2025-06-30 (meter M-100) of the same meter',
      },
    ]);
  });

  it('refuses a late reading lower than the reading before it', () => {
    // Act
    const error = validationErrorOf(() => checkNewReading(history, reading('2025-05-15', 1_399)));

    // Assess
    expect(error.fields[0]?.name).toBe('value');
    expect(error.fields[0]?.reason).toContain('lower than the previous reading 1400 on 2025-03-31');
  });

  it('accepts a reading before every other one when it is not above the first', () => {
    // Act
    const accepted = () => checkNewReading(history, reading('2024-12-31', 900));
    const refused = validationErrorOf(() => checkNewReading(history, reading('2024-12-31', 1_001)));

    // Assess
    expect(accepted).not.toThrow();
    expect(refused.fields[0]?.name).toBe('value');
  });

  it('does not compare across a meter that was taken out and put back', () => {
    // Prepare: M-100 until March, M-200 in between, M-100 again from June
    const swapped = [
      reading('2025-01-31', 1_000),
      reading('2025-03-31', 50, { meterNumber: 'M-200' }),
      reading('2025-06-30', 10),
    ];

    // Act: a late M-100 reading in May belongs to the series that started in June, not to January's
    const act = () => checkNewReading(swapped, reading('2025-05-15', 5));

    // Assess
    expect(act).not.toThrow();
  });

  it('ignores readings of other registers', () => {
    // Prepare
    const night = reading('2025-09-30', 10, { register: '1.8.2' });

    // Act
    const act = () => checkNewReading(history, night);

    // Assess
    expect(act).not.toThrow();
  });

  it('refuses a second reading of the same register and meter on the same date, naming date', () => {
    // Act
    const error = validationErrorOf(() => checkNewReading(history, reading('2025-06-30', 2_000)));

    // Assess
    expect(error.fields).toEqual([
      { name: 'date', reason: 'register 1.8.0 of meter M-100 already has a reading on 2025-06-30' },
    ]);
  });

  it('refuses an invalid reading, naming every field', () => {
    // Prepare
    const bad = {
      register: ' ',
      date: '2025-02-30',
      value: 10.5,
      kind: 'guessed',
      meterNumber: '',
    } as unknown as MeterReading;

    // Act
    const error = validationErrorOf(() => checkNewReading(history, bad));

    // Assess
    expect(error.fields.map((f) => f.name)).toEqual(['register', 'date', 'value', 'kind', 'meterNumber']);
  });
});

describe('consumptionBetween', () => {
  it('derives the consumption of each pair of consecutive readings, in date order', () => {
    // Prepare: given out of order
    const readings = [history[2], history[0], history[1]] as MeterReading[];

    // Act
    const periods = consumptionBetween(readings);

    // Assess
    expect(periods).toEqual([
      {
        register: '1.8.0',
        meterNumber: 'M-100',
        fromDate: '2025-01-31',
        toDate: '2025-03-31',
        consumption: 400,
        estimated: false,
      },
      {
        register: '1.8.0',
        meterNumber: 'M-100',
        fromDate: '2025-03-31',
        toDate: '2025-06-30',
        consumption: 600,
        estimated: false,
      },
    ]);
  });

  it('marks a period estimated when either reading is an estimate', () => {
    // Prepare
    const readings = [reading('2025-01-31', 1_000), reading('2025-02-28', 1_150, { kind: 'estimated' })];

    // Act
    const periods = consumptionBetween(readings);

    // Assess
    expect(periods).toMatchObject([{ consumption: 150, estimated: true }]);
  });

  it('derives nothing across a meter change and continues with the new meter', () => {
    // Prepare
    const readings = [
      reading('2025-01-31', 1_000),
      reading('2025-03-31', 1_400),
      reading('2025-03-31', 0, { meterNumber: 'M-200' }),
      reading('2025-06-30', 650, { meterNumber: 'M-200' }),
    ];

    // Act
    const periods = consumptionBetween(readings);

    // Assess
    expect(periods.map((p) => [p.meterNumber, p.fromDate, p.toDate, p.consumption])).toEqual([
      ['M-100', '2025-01-31', '2025-03-31', 400],
      ['M-200', '2025-03-31', '2025-06-30', 650],
    ]);
  });

  it('derives nothing across another meter between two readings of the same meter', () => {
    // Prepare
    const readings = [
      reading('2025-01-31', 1_000),
      reading('2025-03-31', 50, { meterNumber: 'M-200' }),
      reading('2025-06-30', 1_500),
    ];

    // Act
    const periods = consumptionBetween(readings);

    // Assess
    expect(periods).toEqual([]);
  });

  it('keeps the registers apart, in the order they first appear', () => {
    // Prepare
    const readings = [
      reading('2025-01-31', 500, { register: 'NT' }),
      reading('2025-01-31', 800, { register: 'HT' }),
      reading('2025-02-28', 560, { register: 'NT' }),
      reading('2025-02-28', 900, { register: 'HT' }),
    ];

    // Act
    const periods = consumptionBetween(readings);

    // Assess
    expect(periods.map((p) => [p.register, p.consumption])).toEqual([
      ['NT', 60],
      ['HT', 100],
    ]);
  });

  it('gives nothing for a single reading', () => {
    // Act
    const periods = consumptionBetween([reading('2025-01-31', 500)]);

    // Assess
    expect(periods).toEqual([]);
  });

  it('refuses a series whose value goes down, naming the reading by its index', () => {
    // Prepare
    const readings = [reading('2025-03-31', 900), reading('2025-01-31', 1_000)];

    // Act
    const error = validationErrorOf(() => consumptionBetween(readings));

    // Assess
    expect(error.fields).toEqual([
      {
        name: 'readings.0.value',
        reason: 'is lower than the earlier reading 1000 on 2025-01-31 (meter M-100) of the same meter',
      },
    ]);
  });
});
