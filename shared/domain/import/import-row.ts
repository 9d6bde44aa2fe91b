import { type Account, type AccountDraft, createAccount } from '#domain/accounts/account';
import { type Contact, type ContactDraft, createContact } from '#domain/accounts/contact';
import { type InvalidField, ValidationError } from '#domain/errors';
import type { Nullable } from '#domain/patch';
import type { ChangeContext } from '#domain/stamps';
import { tidyText } from '#domain/user-text';
import type { ColumnPlan, ImportField, ImportOptions } from './import-mapping';
import type { ReportLine } from './import-report';
import { looksLikeFormula } from './spreadsheet-cells';

/**
 * The API's own rules for a create body (lengths, enumerations), so a row
 * is held to exactly what `POST /v1/accounts` and `POST /v1/contacts` accept.
 * Invalid fields are named as in the body (`name`, `phones.0`, `addresses.0.city`).
 */
export interface DraftChecks {
  account(draft: Readonly<Record<string, unknown>>): readonly InvalidField[];
  contact(draft: Readonly<Record<string, unknown>>): readonly InvalidField[];
}

/** A row that passed every rule: the account (and contact) it makes, with the drafts they came from. */
export interface ValidRow {
  readonly row: number;
  readonly account: Account;
  readonly accountDraft: Readonly<Record<string, unknown>>;
  readonly contact?: Contact;
  readonly contactDraft?: Readonly<Record<string, unknown>>;
}

export type RowResult =
  | { readonly ok: true; readonly value: ValidRow }
  | { readonly ok: false; readonly lines: readonly ReportLine[] };

/** The ids the row's account and contact get. */
export interface RowIds {
  readonly account: string;
  readonly contact: string;
}

/** Phone numbers of one field, each with the column it came from. */
interface PhoneCell {
  readonly value: string;
  readonly column: number;
}

/** Where a field named in a draft (`addresses.0.city`) came from in the file. */
const accountFieldOf: Record<string, ImportField> = {
  name: 'account.name',
  orgNumber: 'account.orgNumber',
  customerType: 'account.customerType',
  email: 'account.email',
  phones: 'account.phones',
  website: 'account.website',
  country: 'account.country',
  'addresses.0.street': 'account.street',
  'addresses.0.postcode': 'account.postcode',
  'addresses.0.city': 'account.city',
  'addresses.0.country': 'account.country',
};
const contactFieldOf: Record<string, ImportField> = {
  firstName: 'contact.firstName',
  lastName: 'contact.lastName',
  email: 'contact.email',
  phones: 'contact.phones',
  externalCustomerId: 'contact.externalCustomerId',
  information: 'contact.information',
};

/** Drops absent values, so a draft holds only what the row gives. */
function compact(draft: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined));
}

class RowReader {
  constructor(
    private readonly cells: readonly string[],
    private readonly plan: ColumnPlan,
  ) {}

  header(field: ImportField): string | undefined {
    const column = this.plan.columns.get(field)?.[0];
    return column === undefined ? undefined : this.plan.headers[column];
  }

  /** The trimmed cell of a one-column field; a blank cell is absent. */
  text(field: ImportField): string | undefined {
    const column = this.plan.columns.get(field)?.[0];
    const cell = column === undefined ? undefined : this.cells[column];
    // NFC and trimmed, as the API stores text; the API's body rules then refuse what is not text.
    const value = cell === undefined ? undefined : tidyText(cell);
    return value ? value : undefined;
  }

  /** Every number of a phone field: cells split at `;`, columns in the file's order. */
  phones(field: ImportField): PhoneCell[] {
    return (this.plan.columns.get(field) ?? []).flatMap((column) =>
      (this.cells[column] ?? '')
        .split(';')
        .map((value) => value.trim())
        .filter(Boolean)
        .map((value) => ({ value, column })),
    );
  }

  /** Cells of mapped columns that a spreadsheet would run as formulas. */
  formulaColumns(): number[] {
    const mapped = [...new Set([...this.plan.columns.values()].flat())].sort((a, b) => a - b);
    return mapped.filter((column) => looksLikeFormula(this.cells[column] ?? ''));
  }

  anyContactCell(): boolean {
    return [...this.plan.columns].some(
      ([field, columns]) =>
        field.startsWith('contact.') && columns.some((c) => (this.cells[c] ?? '').trim() !== ''),
    );
  }
}

/** One report line per invalid field, naming the file's column. */
function errorLines(
  row: number,
  invalid: readonly InvalidField[],
  fieldOf: Record<string, ImportField>,
  phones: readonly PhoneCell[],
  phoneField: ImportField,
  reader: RowReader,
  plan: ColumnPlan,
  entity: 'account' | 'contact',
): ReportLine[] {
  return invalid.map((f) => {
    const phone = /^phones\.(\d+)$/.exec(f.name);
    if (phone) {
      const cell = phones[Number(phone[1])];
      return {
        row,
        outcome: 'error' as const,
        field: cell ? plan.headers[cell.column] : reader.header(phoneField),
        message: cell ? `${f.reason}: "${cell.value}"` : f.reason,
      };
    }
    const field = fieldOf[f.name];
    const header = field ? reader.header(field) : undefined;
    return {
      row,
      outcome: 'error' as const,
      // A rule on a field no column feeds (a required one): name the field itself.
      field: header ?? field ?? `${entity}.${f.name}`,
      message: f.reason,
    };
  });
}

/** Runs the domain's rules (then the API's) on a draft, returning the invalid fields of both. */
function validate<T>(
  build: () => T,
  check: () => readonly InvalidField[],
): { value?: T; invalid: InvalidField[] } {
  let value: T | undefined;
  const invalid: InvalidField[] = [];
  try {
    value = build();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    invalid.push(...error.fields);
  }
  const named = new Set(invalid.map((f) => f.name));
  for (const f of check()) if (!named.has(f.name)) invalid.push(f);
  return invalid.length > 0 ? { invalid } : { value, invalid };
}

/**
 * Reads one data row into an account (and its contact) through the same
 * domain rules as the API: `createAccount` / `createContact` with their
 * normalisers, then the API's body rules. Formula cells make the row an
 * error before anything else is looked at.
 */
export function readRow(
  row: number,
  cells: readonly string[],
  plan: ColumnPlan,
  options: ImportOptions,
  ctx: ChangeContext,
  ids: RowIds,
  checks: DraftChecks,
): RowResult {
  const reader = new RowReader(cells, plan);
  const formulas = reader.formulaColumns();
  if (formulas.length > 0) {
    return {
      ok: false,
      lines: formulas.map((column) => ({
        row,
        outcome: 'error',
        field: plan.headers[column],
        message: 'looks like a spreadsheet formula; the row is not imported',
      })),
    };
  }

  const country = reader.text('account.country')?.toUpperCase();
  const street = reader.text('account.street');
  const postcode = reader.text('account.postcode');
  const city = reader.text('account.city');
  const accountPhones = reader.phones('account.phones');
  const accountDraft = compact({
    name: reader.text('account.name') ?? '',
    orgNumber: reader.text('account.orgNumber'),
    customerType: reader.text('account.customerType')?.toUpperCase() ?? options.defaultCustomerType,
    email: reader.text('account.email'),
    phones: accountPhones.length > 0 ? accountPhones.map((p) => p.value) : undefined,
    website: reader.text('account.website'),
    country,
    addresses:
      street || postcode || city
        ? [
            compact({
              kind: 'visiting',
              street,
              postcode,
              city,
              country: country ?? ctx.tenant.country,
            }),
          ]
        : undefined,
  });
  const account = validate(
    // Cells are text: an unknown customer type is refused by the API's rules, not by the type system.
    () => createAccount(ids.account, accountDraft as unknown as Nullable<AccountDraft>, ctx),
    () => checks.account(accountDraft),
  );
  const lines = errorLines(
    row,
    account.invalid,
    accountFieldOf,
    accountPhones,
    'account.phones',
    reader,
    plan,
    'account',
  );

  let contact: { value?: Contact; invalid: InvalidField[] } | undefined;
  let contactDraft: Record<string, unknown> | undefined;
  if (plan.hasContact && reader.anyContactCell()) {
    const contactPhones = reader.phones('contact.phones');
    contactDraft = compact({
      firstName: reader.text('contact.firstName') ?? '',
      lastName: reader.text('contact.lastName') ?? '',
      email: reader.text('contact.email'),
      phones: contactPhones.length > 0 ? contactPhones.map((p) => p.value) : undefined,
      externalCustomerId: reader.text('contact.externalCustomerId'),
      information: reader.text('contact.information'),
    });
    const draft = contactDraft;
    contact = validate(
      () =>
        createContact(
          ids.contact,
          { ...draft, accountId: ids.account } as unknown as Nullable<ContactDraft>,
          ctx,
        ),
      () => checks.contact(draft),
    );
    lines.push(
      ...errorLines(
        row,
        contact.invalid,
        contactFieldOf,
        contactPhones,
        'contact.phones',
        reader,
        plan,
        'contact',
      ),
    );
  }

  if (lines.length > 0 || !account.value) return { ok: false, lines };
  return {
    ok: true,
    value: {
      row,
      account: account.value,
      accountDraft,
      ...(contact?.value && contactDraft ? { contact: contact.value, contactDraft } : {}),
    },
  };
}
