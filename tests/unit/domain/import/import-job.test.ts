import { encodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '#domain/errors';
import {
  type ImportJob,
  importView,
  newImport,
  requested,
  rowEntityId,
  withMapping,
} from '#domain/import/import-job';
import type { ImportMapping } from '#domain/import/import-mapping';
import { countRow, noCounts, reportCsv, reportHeader } from '#domain/import/import-report';
import type { ChangeContext } from '#domain/stamps';

const ctx = (now = '2025-05-01T08:00:00.000Z'): ChangeContext => ({
  tenant: {
    id: 'tenant-se',
    name: 'Nordel Energi',
    country: 'SE',
    currency: 'SEK',
    timeZone: 'Europe/Stockholm',
  },
  userId: 'importer',
  now: new Date(now),
});
const mapping: ImportMapping = {
  columns: { Namn: 'account.name' },
  options: { delimiter: 'auto', encoding: 'utf-8' },
};
const upload = () =>
  newImport(
    '01JV0000000000000000000000',
    { kind: 'accounts-and-contacts', fileName: ' kunder.csv ', size: 1234 },
    ctx(),
  );

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('an import', () => {
  it('starts awaiting its upload, with nothing counted', () => {
    // Act
    const job = upload();

    // Assess
    expect(importView(job)).toEqual({
      id: '01JV0000000000000000000000',
      kind: 'accounts-and-contacts',
      fileName: 'kunder.csv',
      size: 1234,
      state: 'awaiting-upload',
      rowsDone: 0,
      rowsCreated: 0,
      rowsSkipped: 0,
      rowsFailed: 0,
      duplicates: 0,
      createdAt: '2025-05-01T08:00:00.000Z',
      createdBy: 'importer',
      updatedAt: '2025-05-01T08:00:00.000Z',
      version: 1,
    });
  });

  it('refuses files over 200 MB and blank names', () => {
    // Act
    const error = thrown(() =>
      newImport('id', { kind: 'accounts-and-contacts', fileName: ' ', size: 200 * 1024 * 1024 + 1 }, ctx()),
    );

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields.map((f) => f.name)).toEqual(['fileName', 'size']);
  });

  it('is queued from the first row with a new run number, forgetting the last run', () => {
    // Prepare
    const done: ImportJob = {
      ...withMapping(upload(), mapping, ctx()).job,
      state: 'done',
      run: 1,
      step: 4,
      phase: 'process',
      offset: 900,
      rowsTotal: 900,
      counts: { ...noCounts, rowsDone: 900 },
      committed: { ...noCounts, rowsDone: 900 },
      reportKey: 'tenant-se/imports/x/report.csv',
    };

    // Act
    const next = requested(done, 'run', 4321, ctx('2025-05-02T09:00:00.000Z'));

    // Assess
    expect(next).toMatchObject({
      state: 'queued',
      mode: 'run',
      run: 2,
      step: 0,
      phase: 'validate',
      offset: 0,
      sourceBytes: 4321,
      counts: noCounts,
      requestedAt: '2025-05-02T09:00:00.000Z',
      version: done.version + 1,
    });
    expect(next.reportKey).toBeUndefined();
    expect(next.rowsTotal).toBeUndefined();
  });

  it('cannot be run without a mapping', () => {
    // Act
    const error = thrown(() => requested(upload(), 'dry-run', 10, ctx()));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fields).toEqual([{ name: 'mapping', reason: 'is not set' }]);
  });

  it('cannot be remapped or run again while it runs', () => {
    // Prepare
    const running: ImportJob = { ...withMapping(upload(), mapping, ctx()).job, state: 'importing' };

    // Act
    const remap = thrown(() => withMapping(running, mapping, ctx()));
    const rerun = thrown(() => requested(running, 'run', 10, ctx()));

    // Assess
    expect(remap).toBeInstanceOf(ConflictError);
    expect(rerun).toBeInstanceOf(ConflictError);
  });

  it('checks the mapping it is given', () => {
    // Act
    const error = thrown(() =>
      withMapping(upload(), { ...mapping, columns: { Ort: 'account.city' } }, ctx()),
    );

    // Assess
    expect((error as ValidationError).fields).toEqual([
      { name: 'columns', reason: 'map a column to account.name' },
    ]);
  });
});

describe('rowEntityId', () => {
  const job = { id: '01JV0000000000000000000000', createdAt: '2025-05-01T08:00:00.000Z' };

  it('gives a row the same ULID every time, carrying the import’s time', () => {
    // Act
    const first = rowEntityId(job, 17, 'account');
    const again = rowEntityId(job, 17, 'account');

    // Assess
    expect(first).toBe(again);
    expect(first).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(first.slice(0, 10)).toBe(encodeTime(Date.parse(job.createdAt), 10));
  });

  it('gives other rows, entities and imports other ids', () => {
    // Act
    const ids = new Set([
      rowEntityId(job, 17, 'account'),
      rowEntityId(job, 17, 'contact'),
      rowEntityId(job, 18, 'account'),
      rowEntityId({ ...job, id: '01JV0000000000000000000001' }, 17, 'account'),
    ]);

    // Assess
    expect(ids.size).toBe(4);
  });
});

describe('the report', () => {
  it('is CSV with neutralised cells', () => {
    // Act
    const csv =
      reportHeader +
      reportCsv([
        { row: 2, outcome: 'created', message: 'account created', id: 'A1' },
        { row: 3, outcome: 'error', field: '=Namn', message: 'must not be blank' },
      ]);

    // Assess
    expect(csv).toBe(
      "row,outcome,field,message,id\r\n2,created,,account created,A1\r\n3,error,'=Namn,must not be blank,\r\n",
    );
  });

  it('counts each row once, by its most telling outcome', () => {
    // Act
    const counts = [
      ['created', 'created'],
      ['error', 'error'],
      ['duplicate'],
      ['skipped', 'created'],
      ['skipped'],
    ].reduce((c, outcomes) => countRow(c, outcomes as never), noCounts);

    // Assess
    expect(counts).toEqual({ rowsDone: 5, rowsCreated: 2, rowsSkipped: 1, rowsFailed: 1, duplicates: 1 });
  });
});
