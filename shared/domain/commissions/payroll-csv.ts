import { csvField } from '#domain/csv-field';

import type { PayoutLine } from './commission-payouts';

/** Minor units as a plain decimal in the currency's own digits: 123456 EUR → `1234.56`. */
export function decimalOf(amountMinor: number, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const negative = amountMinor < 0;
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export const payrollColumns = [
  'userId',
  'contractNumber',
  'accountName',
  'instalmentId',
  'step',
  'dueDate',
  'status',
  'currency',
  'amount',
  'recovered',
  'net',
  'paymentReference',
] as const;

/**
 * A month's payouts for payroll: one row per approved or paid instalment,
 * amounts as decimals. A paid row's `net` is what reaches the seller: its
 * amount less what it `recovered` of clawed-back debt, both recorded by the
 * payment. An approved row is not paid yet: its recovery is decided when it
 * is, so `recovered` and `net` stay empty (pay the month first, then export).
 */
export function payrollCsv(lines: readonly PayoutLine[]): string {
  const rows = lines.map(({ commission, instalment }) => {
    const amount = (minor: number) => decimalOf(minor, commission.currency);
    const paid = instalment.status === 'paid';
    const recovered = instalment.recoveredMinor ?? 0;
    return [
      instalment.userId,
      commission.contractNumber,
      commission.accountName,
      instalment.id,
      String(instalment.step),
      instalment.dueDate,
      instalment.status,
      commission.currency,
      amount(instalment.amountMinor),
      paid ? amount(recovered) : '',
      paid ? amount(instalment.amountMinor - recovered) : '',
      instalment.paymentReference ?? '',
    ];
  });
  return `${[[...payrollColumns], ...rows].map((row) => row.map((cell) => csvField(cell)).join(',')).join('\r\n')}\r\n`;
}
