import type { InvalidField } from '#domain/errors';

/**
 * Who a newsletter is for (R-NL-1): contacts by their contact type, keywords
 * and categories, and by their account's categories. Inside one criterion a
 * contact needs any of the values listed; across the criteria given, all of
 * them (`all`) or any one (`any`).
 */
export interface RecipientFilter {
  readonly match: 'all' | 'any';
  readonly contactTypeIds?: readonly string[];
  readonly keywordIds?: readonly string[];
  readonly categoryIds?: readonly string[];
  readonly accountCategoryIds?: readonly string[];
}

/** A contact as the filter sees it, with its account's categories (none without an account). */
export interface FilterCandidate {
  readonly contactTypeId?: string;
  readonly keywords: readonly string[];
  readonly categoryIds: readonly string[];
  readonly accountCategoryIds: readonly string[];
}

const criteria = ['contactTypeIds', 'keywordIds', 'categoryIds', 'accountCategoryIds'] as const;
export const maxValuesPerCriterion = 50;

/** The criteria a filter gives: those with at least one value. */
const given = (filter: RecipientFilter) => criteria.filter((c) => (filter[c]?.length ?? 0) > 0);

/** An empty filter would mail every consenting contact: it is refused, naming the filter. */
export function recipientFilterProblems(filter: RecipientFilter, field = 'filter'): InvalidField[] {
  const problems: InvalidField[] = [];
  if (given(filter).length === 0)
    problems.push({
      name: field,
      reason: 'name at least one contact type, keyword, category or account category',
    });
  for (const c of criteria) {
    const values = filter[c] ?? [];
    if (values.length > maxValuesPerCriterion)
      problems.push({ name: `${field}.${c}`, reason: `at most ${maxValuesPerCriterion}` });
    if (new Set(values).size !== values.length)
      problems.push({ name: `${field}.${c}`, reason: 'a value is listed twice' });
  }
  return problems;
}

function meets(criterion: (typeof criteria)[number], values: readonly string[], c: FilterCandidate) {
  switch (criterion) {
    case 'contactTypeIds':
      return c.contactTypeId !== undefined && values.includes(c.contactTypeId);
    case 'keywordIds':
      return c.keywords.some((k) => values.includes(k));
    case 'categoryIds':
      return c.categoryIds.some((k) => values.includes(k));
    case 'accountCategoryIds':
      return c.accountCategoryIds.some((k) => values.includes(k));
  }
}

/** Whether the candidate is one the filter asks for; a filter with no criteria matches nobody. */
export function matchesFilter(filter: RecipientFilter, candidate: FilterCandidate): boolean {
  const checks = given(filter).map((c) => meets(c, filter[c] ?? [], candidate));
  if (checks.length === 0) return false;
  return filter.match === 'all' ? checks.every(Boolean) : checks.some(Boolean);
}
