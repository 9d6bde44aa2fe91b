import { describe, expect, it } from 'vitest';
import { exportPresets, presetFor } from '#domain/exports/export-presets';
import { validateSpecContent } from '#domain/exports/export-spec-validation';
import { isVocabularyName } from '#domain/exports/export-vocabulary';

describe('exportPresets', () => {
  it('ships one starting point for each Slovak operator', () => {
    // Act
    const shipped = exportPresets.map((p) => [p.distributor, p.preset]);

    // Assess
    expect(shipped).toEqual([
      ['ZSDIS', 'zsdis-2026'],
      ['SSD', 'ssd-2026'],
      ['VSD', 'vsd-2026'],
      ['SPPD', 'sppd-2026'],
    ]);
  });

  it.each(exportPresets.map((p) => [p.distributor, p] as const))('keeps the %s preset valid', (_, preset) => {
    // Act
    const valid = validateSpecContent(preset);

    // Assess
    expect(valid).toBe(preset);
  });

  it.each(exportPresets.map((p) => [p.distributor, p] as const))(
    'takes every %s column from the vocabulary',
    (_, preset) => {
      // Act
      const unknown = preset.columns.filter(
        (c) => c.source.kind === 'field' && !isVocabularyName(c.source.field),
      );

      // Assess
      expect(unknown).toEqual([]);
    },
  );

  it.each(exportPresets.map((p) => [p.distributor, p] as const))(
    'says the %s preset is a starting point to adjust',
    (_, preset) => {
      // Assess
      expect(preset.name).toContain('východisko, upravte podľa aktuálnej technickej špecifikácie PDS');
    },
  );

  it.each(exportPresets.map((p) => [p.distributor, p] as const))(
    'requires the identifier, the name, the change date and the consumption in the %s preset',
    (_, preset) => {
      // Act
      const required = preset.columns.filter((c) => c.required).map((c) => c.source);

      // Assess
      expect(required).toEqual([
        { kind: 'field', field: 'supplyPoint.identifier' },
        { kind: 'field', field: 'customer.name' },
        { kind: 'field', field: 'contract.requestedStartDate' },
        { kind: 'field', field: 'supplyPoint.annualConsumptionKwh' },
      ]);
    },
  );

  it('asks the gas operator for the tariff group and the contracted quantity, not a breaker', () => {
    // Act
    const fields = presetFor('SPPD')?.columns.map((c) => (c.source.kind === 'field' ? c.source.field : ''));

    // Assess
    expect(fields).toContain('supplyPoint.annualConsumptionM3');
    expect(fields).toContain('meter.rate');
    expect(fields).not.toContain('meter.mainBreakerAmps');
  });

  it('finds a preset by the operator code and none for an unknown one', () => {
    // Act
    const found = [presetFor('VSD')?.preset, presetFor('vsd'), presetFor('EON')];

    // Assess
    expect(found).toEqual(['vsd-2026', undefined, undefined]);
  });
});
