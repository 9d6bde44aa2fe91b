import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemCodes, problemTypeOf } from '#http/problem-types';

const doc = readFileSync(path.resolve(import.meta.dirname, '../../../docs/architecture.md'), 'utf8');

describe('the problem codes in docs/architecture.md', () => {
  it('are exactly the codes of the code, each with its status', () => {
    // Prepare
    const cells = (line: string) =>
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());

    // Act
    const documented = doc
      .split('\n')
      .map(cells)
      .filter((row) => row.length === 3 && /^`[a-z-]+`$/.test(row[0] ?? '') && /^\d{3}$/.test(row[1] ?? ''))
      .map(([code, status]) => [code?.slice(1, -1), Number(status)]);

    // Assess
    expect(documented.sort()).toEqual(problemCodes.map((code) => [code, problemTypeOf(code).status]).sort());
  });
});
