import type { CountryCode } from 'libphonenumber-js';
import type { InvalidField } from '#domain/errors';
import { normaliseEmail } from '#domain/identifiers/email';
import { normaliseOrgNumber } from '#domain/identifiers/org-number';
import { normalisePhone } from '#domain/identifiers/phone';

/**
 * Field normalisers that collect problems instead of throwing, so one
 * response can name every invalid field at once.
 */
export class FieldCollector {
  readonly invalid: InvalidField[] = [];

  phones(values: readonly string[], country: CountryCode, field = 'phones'): string[] {
    const out: string[] = [];
    values.forEach((value, i) => {
      const result = normalisePhone(value, country);
      if (result.ok) {
        if (!out.includes(result.e164)) out.push(result.e164);
      } else this.invalid.push({ name: `${field}.${i}`, reason: result.reason });
    });
    return out;
  }

  email(value: string | undefined, field = 'email'): string | undefined {
    if (value === undefined) return undefined;
    const result = normaliseEmail(value);
    if (result.ok) return result.value;
    this.invalid.push({ name: field, reason: result.reason });
    return undefined;
  }

  orgNumber(value: string | undefined, country: string, field = 'orgNumber'): string | undefined {
    if (value === undefined) return undefined;
    if (country === 'SE' || country === 'SK' || country === 'CZ') {
      const result = normaliseOrgNumber(country, value);
      if (result.ok) return result.value;
      this.invalid.push({ name: field, reason: result.reason });
      return undefined;
    }
    // No published check-digit rule is implemented for other countries: keep it as written.
    const compact = value.trim();
    if (!/^[A-Za-z0-9 .-]{2,20}$/.test(compact)) {
      this.invalid.push({ name: field, reason: 'use 2–20 letters, digits, spaces, dots or dashes' });
      return undefined;
    }
    return compact;
  }
}
