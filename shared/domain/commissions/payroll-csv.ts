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

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line
 * break; text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`)
 * gets a leading apostrophe.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const payrollColumns = [
  'userId',
  'contractNumber',
  'accountName',
  'instalmentId',
  'step',
  'dueDate',
  'currency',
  'amount',
  'outstandingDebt',
] as const;

/**
 * A month's approved payouts for payroll: one row per instalment, amounts
 * as decimals; `outstandingDebt` is what the participant still owes from
 * clawbacks, which the payment will settle first.
 */
export function payrollCsv(lines: readonly PayoutLine[], debts: ReadonlyMap<string, number>): string {
  const rows = lines.map(({ commission, instalment }) => {
    const amount = (minor: number) => decimalOf(minor, commission.currency);
    return [
      instalment.userId,
      commission.contractNumber,
      commission.accountName,
      instalment.id,
      String(instalment.step),
      instalment.dueDate,
      commission.currency,
      amount(instalment.amountMinor),
      amount(debts.get(instalment.userId) ?? 0),
    ];
  });
  return `${[[...payrollColumns], ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
