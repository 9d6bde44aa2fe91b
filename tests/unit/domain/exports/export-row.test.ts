import { describe, expect, it } from 'vitest';
import type { SupplyPoint } from '#domain/energy/supply-point';
import { presetFor } from '#domain/exports/export-presets';
import { rowOf } from '#domain/exports/export-row';
import type { ExportColumn } from '#domain/exports/export-spec';
import type { RowSource } from '#domain/exports/export-vocabulary';
import type { TenantProfile } from '#domain/tenant';
import { sampleContract } from '../../../support/contract-fixture';

const tenant: TenantProfile = {
  id: 'tatra',
  name: 'Tatra Energia s.r.o.',
  country: 'SK',
  currency: 'EUR',
  timeZone: 'Europe/Bratislava',
};

/** A test double: only the parts of a stored supply point the vocabulary reads. */
const supplyPointDouble = {
  address: {
    street: 'Hviezdoslavova',
    houseNumber: '9',
    postcode: '811 02',
    city: 'Bratislava',
    country: 'SK',
  },
  meter: { number: '51234567', tariff: 'C2', reservedCapacityKw: 40, mainBreakerAmps: 63 },
  derived: {},
} as Partial<SupplyPoint> as SupplyPoint;

const rowSource = (contract = sampleContract()) => {
  const line = contract.lines[0];
  if (line === undefined) throw new Error('the sample contract has lines');
  const source: RowSource = { contract, line, supplyPoint: supplyPointDouble, tenant };
  return source;
};

describe('rowOf', () => {
  it('writes the ZSDIS preset’s row of the sample contract', () => {
    // Arrange
    const columns = presetFor('ZSDIS')?.columns ?? [];

    // Act
    const row = rowOf(columns, rowSource());

    // Assess
    expect(row).toEqual({
      ok: true,
      cells: [
        '24ZZS6134852000R',
        'EE',
        'Základná škola Hviezdoslavova',
        '00318655',
        'PO',
        'Hviezdoslavova',
        '9',
        '811 02',
        'Bratislava',
        'Hviezdoslavova 9',
        '811 02',
        'Bratislava',
        '01.01.2027',
        'C2',
        40,
        63,
        '51234567',
        '86000',
        '2026-000042',
      ],
    });
  });

  it('writes a constant and leaves the cells of a deleted supply point empty', () => {
    // Arrange
    const columns: ExportColumn[] = [
      { header: 'Dodávateľ', source: { kind: 'constant', value: 'TATRA' }, required: true },
      { header: 'Názov dodávateľa', source: { kind: 'field', field: 'tenant.name' }, required: true },
      { header: 'Číslo elektromera', source: { kind: 'field', field: 'meter.number' }, required: false },
      {
        header: 'Spotreba (MWh)',
        source: { kind: 'field', field: 'supplyPoint.annualConsumptionKwh' },
        required: true,
        format: { decimals: 3, decimalSeparator: ',', thousandsSeparator: '\u00a0' },
      },
    ];

    // Act
    const { supplyPoint: _, ...withoutSupplyPoint } = rowSource();
    const row = rowOf(columns, withoutSupplyPoint);

    // Assess
    expect(row).toEqual({ ok: true, cells: ['TATRA', 'Tatra Energia s.r.o.', undefined, '86\u00a0000,000'] });
  });

  it('lists every cell that does not fit, by the column’s header', () => {
    // Arrange
    const base = sampleContract();
    const contract = sampleContract({
      party: { ...base.party, name: '', customerType: 'B2C' },
      requestedStartDate: '1.1.2027',
      lines: base.lines.map((l) => ({ ...l, commodity: 'gas' as const })),
    });
    const columns: ExportColumn[] = [
      ...(presetFor('ZSDIS')?.columns ?? []),
      { header: 'Poznámka', source: { kind: 'constant', value: '' }, required: true },
    ];

    // Act
    const row = rowOf(columns, rowSource(contract));

    // Assess
    expect(row).toEqual({
      ok: false,
      problems: [
        { column: 'Komodita', reason: '"gas" is not in the code list' },
        { column: 'Obchodné meno / meno a priezvisko', reason: 'required, but the contract has no value' },
        {
          column: 'Požadovaný dátum zmeny dodávateľa',
          reason: '"1.1.2027" is not a calendar day (YYYY-MM-DD)',
        },
        { column: 'Poznámka', reason: 'required, but the contract has no value' },
      ],
    });
  });

  it('refuses an identifier longer than the operator’s sixteen characters', () => {
    // Arrange
    const base = sampleContract();
    const contract = sampleContract({
      lines: base.lines.map((l) => ({ ...l, identifier: `${l.identifier}X` })),
    });

    // Act
    const row = rowOf(presetFor('SSD')?.columns ?? [], rowSource(contract));

    // Assess
    expect(row).toEqual({
      ok: false,
      problems: [{ column: 'EIC odberného miesta', reason: 'longer than 16 characters' }],
    });
  });
});
