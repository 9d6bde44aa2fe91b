import type { ExportColumn, ExportSpecContent } from './export-spec';

/**
 * Starting points for the Slovak distribution operators' data sentences. The
 * operators publish and change their technical specifications; a tenant
 * copies a preset and adjusts it to the current one before the first export.
 */

const field = (
  header: string,
  name: string,
  extra: Omit<ExportColumn, 'header' | 'source' | 'required'> & { required?: boolean } = {},
): ExportColumn => ({ header, source: { kind: 'field', field: name }, required: false, ...extra });

const changeDate = field('Požadovaný dátum zmeny dodávateľa', 'contract.requestedStartDate', {
  required: true,
  format: { datePattern: 'dd.MM.yyyy' },
});
const customerType = field('Typ odberateľa', 'customer.type', { codes: { B2B: 'PO', B2C: 'FO' } });
const annualKwh = (header: string) =>
  field(header, 'supplyPoint.annualConsumptionKwh', { required: true, format: { decimalSeparator: ',' } });

const party: readonly ExportColumn[] = [
  field('Obchodné meno / meno a priezvisko', 'customer.name', { required: true }),
  field('IČO', 'customer.orgNumber'),
  customerType,
];

const supplyAddress: readonly ExportColumn[] = [
  field('Ulica odberného miesta', 'supplyPoint.street'),
  field('Číslo domu odberného miesta', 'supplyPoint.houseNumber'),
  field('PSČ odberného miesta', 'supplyPoint.postcode'),
  field('Obec odberného miesta', 'supplyPoint.city'),
];

const mailingAddress: readonly ExportColumn[] = [
  field('Korešpondenčná adresa – ulica a číslo', 'mailing.street'),
  field('Korešpondenčná adresa – PSČ', 'mailing.postcode'),
  field('Korešpondenčná adresa – obec', 'mailing.city'),
];

/** `territory`: the demo tenants' code of the operator's territory; a tenant names its own. */
function electricity(
  distributor: string,
  operator: string,
  preset: string,
  territory: string,
): ExportSpecContent {
  return {
    distributor,
    territoryCodes: [territory],
    preset,
    name: `${operator} – dátová veta (elektrina): východisko, upravte podľa aktuálnej technickej špecifikácie PDS`,
    sheetName: 'Dátová veta',
    fileNamePattern: 'datova-veta-{distributor}-{date}-{exportId}',
    csvSeparator: ';',
    columns: [
      field('EIC odberného miesta', 'supplyPoint.identifier', {
        required: true,
        format: { upperCase: true, maxLength: 16 },
      }),
      field('Komodita', 'supplyPoint.commodity', { codes: { electricity: 'EE' } }),
      ...party,
      ...supplyAddress,
      ...mailingAddress,
      changeDate,
      field('Distribučná sadzba', 'meter.rate'),
      field('Rezervovaná kapacita (kW)', 'meter.reservedCapacityKw'),
      field('Hlavný istič (A)', 'meter.mainBreakerAmps'),
      field('Číslo elektromera', 'meter.number'),
      annualKwh('Ročná spotreba (kWh)'),
      field('Číslo zmluvy', 'contract.number'),
    ],
  };
}

const gas: ExportSpecContent = {
  distributor: 'SPPD',
  territoryCodes: ['SPPD'],
  preset: 'sppd-2026',
  name: 'SPP – distribúcia – dátová veta (plyn): východisko, upravte podľa aktuálnej technickej špecifikácie PDS',
  sheetName: 'Dátová veta',
  fileNamePattern: 'datova-veta-{distributor}-{date}-{exportId}',
  csvSeparator: ';',
  columns: [
    field('POD odberného miesta', 'supplyPoint.identifier', { required: true, format: { upperCase: true } }),
    field('Komodita', 'supplyPoint.commodity', { codes: { gas: 'ZP' } }),
    ...party,
    ...supplyAddress,
    ...mailingAddress,
    changeDate,
    field('Tarifa (tarifná skupina)', 'meter.rate'),
    field('Zmluvné množstvo (m³)', 'supplyPoint.annualConsumptionM3', { format: { decimals: 0 } }),
    field('Číslo plynomera', 'meter.number'),
    annualKwh('Ročná spotreba (kWh)'),
    field('Číslo zmluvy', 'contract.number'),
  ],
};

export const exportPresets: readonly ExportSpecContent[] = [
  electricity('ZSDIS', 'Západoslovenská distribučná', 'zsdis-2026', 'ZSD'),
  electricity('SSD', 'Stredoslovenská distribučná', 'ssd-2026', 'SSD'),
  electricity('VSD', 'Východoslovenská distribučná', 'vsd-2026', 'VSD'),
  gas,
];

/** The starting point for an operator's code (`ZSDIS`, `SSD`, `VSD`, `SPPD`), if one is shipped. */
export function presetFor(distributor: string): ExportSpecContent | undefined {
  return exportPresets.find((p) => p.distributor === distributor);
}
