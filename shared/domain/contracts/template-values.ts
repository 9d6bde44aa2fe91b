import type { ContractLine } from './contract';
import type { DocumentData } from './contract-document';
import { formatDay, formatMoney, formatMwh, wordIn } from './template-format';

/**
 * The placeholders a template may use, and where each value comes from.
 * Anything else in `{{…}}` is refused when the template is saved.
 */
const documentValues: Readonly<Record<string, (data: DocumentData, locale: string) => string | undefined>> = {
  'contract.number': ({ contract }) => contract.number,
  'contract.date': ({ contract }, l) => formatDay(contract.createdAt.slice(0, 10), l),
  'contract.requestedStartDate': ({ contract }, l) => formatDay(contract.requestedStartDate, l),
  'contract.term': ({ contract }, l) =>
    contract.term.kind === 'fixed'
      ? `${contract.term.months} ${wordIn('months', l)}`
      : wordIn('indefinite', l),
  'contract.offeredAnnualCost': ({ contract }, l) =>
    formatMoney(contract.offeredAnnualCost, contract.currency, l),
  'contract.communication': ({ contract }, l) => wordIn(contract.communication, l),
  'party.name': ({ contract }) => contract.party.name,
  'party.orgNumber': ({ contract }) => contract.party.orgNumber,
  'party.address': ({ contract }) => {
    const [address] = contract.party.addresses;
    return address ? `${address.street}, ${address.postcode} ${address.city}` : undefined;
  },
  'party.email': ({ contract }) => contract.party.email,
  signers: ({ contract }) =>
    contract.signingPersons.length > 0
      ? contract.signingPersons.map((p) => `${p.firstName} ${p.lastName}`).join(', ')
      : undefined,
  'supplier.name': ({ supplier }) => supplier.name,
  'supplier.orgNumber': ({ supplier }) => supplier.orgNumber,
  'supplier.address': ({ supplier }) => supplier.address,
};

const lineValues: Readonly<Record<string, (line: ContractLine, locale: string) => string | undefined>> = {
  'line.identifier': (line) => line.identifier,
  'line.commodity': (line, l) => wordIn(line.commodity, l),
  'line.productName': (line) => line.productName,
  'line.productCode': (line) => line.productCode,
  'line.priceListVersion': (line) => String(line.priceListVersion),
  'line.unitPrice': (line, l) => `${formatMoney(line.unitPricePerMwhMinor, line.currency, l)}/MWh`,
  'line.monthlyFee': (line, l) => formatMoney(line.monthlyFeeMinor, line.currency, l),
  'line.annualConsumption': (line, l) =>
    line.annualConsumptionKwh === undefined ? undefined : formatMwh(line.annualConsumptionKwh, l),
  'line.annualCost': (line, l) => formatMoney(line.offeredAnnualCost, line.currency, l),
};

export const placeholderNames: readonly string[] = Object.keys(documentValues);
export const lineValueNames: readonly string[] = Object.keys(lineValues);

export const documentValue = (name: string, data: DocumentData, locale: string) =>
  documentValues[name]?.(data, locale);
export const lineValue = (name: string, line: ContractLine, locale: string) =>
  lineValues[name]?.(line, locale);
