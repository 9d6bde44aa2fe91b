/**
 * How values read in a contract document, by language. Money is formatted
 * from integer minor units with integer arithmetic only (no float ever
 * touches an amount): groups of three digits split by a space, a decimal
 * comma in Slovak, Czech and Swedish, a point in English. The spaces inside
 * an amount are no-break spaces, so an amount never wraps.
 */
const nbsp = '\u00a0';
const decimalComma = new Set(['sk', 'cs', 'sv']);
const currencySign: Readonly<Record<string, string>> = { EUR: '€', SEK: 'kr', CZK: 'Kč' };

const grouped = (digits: string, separator: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);

/** `123456` minor units of EUR in `sk` → `1 234,56 €` (no-break spaces). */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const negative = minor < 0;
  const digits = String(Math.abs(Math.trunc(minor))).padStart(3, '0');
  const whole = digits.slice(0, -2);
  const cents = digits.slice(-2);
  const comma = decimalComma.has(locale);
  const amount = `${grouped(whole, comma ? nbsp : ',')}${comma ? ',' : '.'}${cents}`;
  return `${negative ? '−' : ''}${amount}${nbsp}${currencySign[currency] ?? currency}`;
}

/**
 * Basis points as a percentage with two decimals, exactly: `1234` →
 * `12,34 %` in `sk`, `12.34 %` in `en`; `−` before a negative one.
 */
export function formatBasisPoints(basisPoints: number, locale: string): string {
  const digits = String(Math.abs(Math.trunc(basisPoints))).padStart(3, '0');
  const comma = decimalComma.has(locale);
  return `${basisPoints < 0 ? '−' : ''}${digits.slice(0, -2)}${comma ? ',' : '.'}${digits.slice(-2)}${nbsp}%`;
}

/** kWh as MWh with up to three decimals, exactly: `14500` → `14,5 MWh` in `sv`. */
export function formatMwh(kwh: number, locale: string): string {
  const whole = Math.trunc(kwh / 1000);
  const rest = String(Math.abs(kwh % 1000))
    .padStart(3, '0')
    .replace(/0+$/, '');
  const comma = decimalComma.has(locale);
  const number = `${grouped(String(whole), comma ? nbsp : ',')}${rest ? `${comma ? ',' : '.'}${rest}` : ''}`;
  return `${number}${nbsp}MWh`;
}

/** YYYY-MM-DD as the language writes a date: `1. 1. 2027` in Slovak and Czech, ISO elsewhere. */
export function formatDay(day: string, locale: string): string {
  if (locale !== 'sk' && locale !== 'cs') return day;
  const [year, month, date] = day.split('-').map(Number);
  return `${date}. ${month}. ${year}`;
}

const words: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sk: {
    electricity: 'elektrina',
    gas: 'plyn',
    indefinite: 'na dobu neurčitú',
    months: 'mesiacov',
    electronic: 'elektronicky',
    paper: 'poštou v papierovej podobe',
  },
  sv: {
    electricity: 'el',
    gas: 'gas',
    indefinite: 'tills vidare',
    months: 'månader',
    electronic: 'elektroniskt',
    paper: 'per post på papper',
  },
  en: {
    electricity: 'electricity',
    gas: 'gas',
    indefinite: 'indefinite',
    months: 'months',
    electronic: 'electronically',
    paper: 'on paper by post',
  },
};

/** A word of the vocabulary in the language, or in English, or the word itself. */
export const wordIn = (word: string, locale: string): string =>
  words[locale]?.[word] ?? words.en?.[word] ?? word;
