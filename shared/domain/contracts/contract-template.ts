import { type InvalidField, UnprocessableError } from '#domain/errors';
import type { DocumentData, FilledDocument, FilledSection } from './contract-document';
import { type TemplateKind, vocabularyOf } from './template-kinds';
import { documentValue, lineValue } from './template-values';

/**
 * A document template (tenant data): a title and sections in the tenant's
 * language, with placeholders filled from the contract, or from the offer
 * version for an `offer` template. `{{party.name}}` must have a value;
 * `{{party.orgNumber?}}` may be empty. A `lines` section is a table with
 * one row per supply point, its cells `line.…` placeholders.
 */
export interface TextSection {
  readonly kind: 'text';
  readonly heading?: string;
  /** Paragraphs, separated by a blank line. */
  readonly body: string;
}

export interface LinesSection {
  readonly kind: 'lines';
  readonly heading?: string;
  readonly columns: readonly { readonly header: string; readonly value: string }[];
}

export interface ContractTemplate {
  readonly id: string;
  /** What the template fills: a contract (when absent) or an offer version. */
  readonly kind?: TemplateKind;
  readonly locale: string;
  readonly title: string;
  readonly sections: readonly (TextSection | LinesSection)[];
}

const placeholder = /\{\{\s*([a-zA-Z.]+)(\?)?\s*\}\}/g;
const maxSections = 50;

interface Use {
  readonly name: string;
  readonly optional: boolean;
}

const usesIn = (text: string): Use[] =>
  [...text.matchAll(placeholder)].map((m) => ({ name: m[1] as string, optional: m[2] === '?' }));

/** Everything wrong with a template as a tenant saved it, each named by where it is. */
export function templateProblems(template: ContractTemplate, at = 'template'): InvalidField[] {
  const invalid: InvalidField[] = [];
  const { placeholderNames, lineValueNames } = vocabularyOf(template.kind);
  const check = (text: string, where: string, names: readonly string[]) => {
    if (/\{\{(?![^{}]*\}\})/.test(text)) invalid.push({ name: where, reason: 'has a `{{` without its `}}`' });
    for (const use of usesIn(text)) {
      if (!names.includes(use.name))
        invalid.push({ name: where, reason: `{{${use.name}}} is no placeholder` });
    }
  };
  if (!/^[a-z]{2}$/.test(template.locale))
    invalid.push({ name: `${at}.locale`, reason: 'must be a two-letter language code' });
  check(template.title, `${at}.title`, placeholderNames);
  if (template.sections.length === 0 || template.sections.length > maxSections)
    invalid.push({ name: `${at}.sections`, reason: `must hold 1 to ${maxSections} sections` });
  template.sections.forEach((section, i) => {
    const where = `${at}.sections.${i}`;
    if (section.heading) check(section.heading, `${where}.heading`, placeholderNames);
    if (section.kind === 'text') check(section.body, `${where}.body`, placeholderNames);
    else {
      if (section.columns.length === 0) invalid.push({ name: `${where}.columns`, reason: 'needs a column' });
      section.columns.forEach((c, j) => {
        check(c.value, `${where}.columns.${j}.value`, lineValueNames);
      });
    }
  });
  return invalid;
}

/** Fills `text`, noting each required placeholder without a value. */
function fill(
  text: string,
  value: (name: string) => string | undefined,
  where: string,
  subject: string,
  missing: InvalidField[],
) {
  return text.replace(placeholder, (_, name: string, optional?: string) => {
    const filled = value(name);
    if (filled === undefined && !optional) {
      missing.push({ name: where, reason: `{{${name}}} has no value for this ${subject}` });
    }
    return filled ?? '';
  });
}

/** How a template's placeholders get their values: for the document, and for each row of a `lines` table. */
export interface TemplateValues<Line> {
  /** What is filled, for the 422: `contract`, `offer`. */
  readonly subject: string;
  readonly value: (name: string) => string | undefined;
  readonly lines: readonly Line[];
  readonly lineValue: (name: string, line: Line) => string | undefined;
}

/**
 * The template filled, or a 422 naming every required placeholder that has
 * no value (an account without an org number, say), before anything is
 * rendered or stored.
 */
export function fillWith<Line>(template: ContractTemplate, values: TemplateValues<Line>): FilledDocument {
  const missing: InvalidField[] = [];
  const { subject, value } = values;
  const title = fill(template.title, value, 'template.title', subject, missing);
  const sections: FilledSection[] = template.sections.map((section, i) => {
    const where = `template.sections.${i}`;
    const heading = section.heading
      ? fill(section.heading, value, `${where}.heading`, subject, missing)
      : undefined;
    if (section.kind === 'text') {
      const paragraphs = fill(section.body, value, `${where}.body`, subject, missing)
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter((p) => p.length > 0);
      return { kind: 'text', ...(heading ? { heading } : {}), paragraphs };
    }
    const cell = (line: Line, text: string, j: number) =>
      fill(text, (name) => values.lineValue(name, line), `${where}.columns.${j}.value`, subject, missing);
    return {
      kind: 'table',
      ...(heading ? { heading } : {}),
      columns: section.columns.map((c) => c.header),
      rows: values.lines.map((line) => section.columns.map((c, j) => cell(line, c.value, j))),
    };
  });
  if (missing.length > 0) {
    const unique = [...new Map(missing.map((m) => [`${m.name}${m.reason}`, m])).values()];
    throw new UnprocessableError(`the ${subject} template cannot be filled for this ${subject}`, unique);
  }
  return { title, locale: template.locale, sections };
}

/** The contract template filled from the contract and the tenant. */
export function fillTemplate(template: ContractTemplate, data: DocumentData): FilledDocument {
  return fillWith(template, {
    subject: 'contract',
    value: (name) => documentValue(name, data, template.locale),
    lines: data.contract.lines,
    lineValue: (name, line) => lineValue(name, line, template.locale),
  });
}
