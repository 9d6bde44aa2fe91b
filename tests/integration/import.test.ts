import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '#domain/errors';
import type { ImportStepEvent } from '#domain/import/import-events';
import type { ImportMapping } from '#domain/import/import-mapping';
import type { ObjectStore } from '#domain/storage/object-store';
import { accountsServices } from '#runtime/accounts-services';
import { importWorkerHandler } from '#runtime/import-worker-handler';
import { freshTable } from '../support/local-table';
import { downloadReport, type ImportSetup, importSetup, plentyOfTime } from './import-support';

const header = 'Företag;Org.nr;Kundtyp;Växel;Förnamn;Efternamn;E-post;Mobil;Kundnr';
const rows = [
  'Bageri Solrosen AB;556036-0793;B2B;08-123 456 78;Anna;Ödegård;anna@solrosen.se;070-123 45 67;K-1',
  'Kiosken HB;556677-8899;B2B;;Erik;Berg;erik@kiosken.se;;K-2',
  'Fel AB;556036-0794;B2B;;;;;;',
  "=cmd|' /C calc'!A0;;B2B;;;;;;",
  'Solrosen Två;;B2C;;Lisa;Lund;ANNA@solrosen.se;;K-3',
  'Tre Ord AB;;B2B',
  'Hemma;;B2C;;Olle;Ek;olle@example.se;+46 70 765 43 21;K-4',
];
const file = `${header}\n${rows.join('\n')}\n`;

const mapping: ImportMapping = {
  columns: {
    Företag: 'account.name',
    'Org.nr': 'account.orgNumber',
    Kundtyp: 'account.customerType',
    Växel: 'account.phones',
    Förnamn: 'contact.firstName',
    Efternamn: 'contact.lastName',
    'E-post': 'contact.email',
    Mobil: 'contact.phones',
    Kundnr: 'contact.externalCustomerId',
  },
  options: { delimiter: 'auto', encoding: 'utf-8' },
};

/** The tenant already has Kiosken HB (row 3's org number). */
async function withExistingKiosk(setup: ImportSetup) {
  const { value } = await accountsServices({ table: setup.table }).accounts.create(setup.actor, {
    name: 'Kiosken HB',
    orgNumber: '556677-8899',
    customerType: 'B2B',
  });
  return value.id;
}

/** A Lambda context with the worker's 15 minutes ahead. */
const lambdaContext = (): Context => {
  const deadline = Date.now() + 900_000;
  return { getRemainingTimeInMillis: () => deadline - Date.now() } as Context;
};

const names = (items: Record<string, unknown>[]) => items.map((i) => i.name ?? i.firstName).sort();

describe('an import of accounts and contacts', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  beforeAll(async () => {
    table = await freshTable();
  });

  it('dry-runs: reports every row’s errors and duplicates, and writes no account or contact', async () => {
    // Prepare
    const setup = await importSetup({ table });
    const kioskId = await withExistingKiosk(setup);
    const importId = await setup.upload(file, mapping);

    // Act
    const view = await setup.runToEnd(importId, 'dry-run');

    // Assess
    expect(view).toMatchObject({
      state: 'done',
      mode: 'dry-run',
      rowsTotal: 7,
      rowsDone: 7,
      rowsCreated: 2,
      rowsSkipped: 0,
      rowsFailed: 3,
      duplicates: 2,
    });
    expect(await downloadReport(view)).toEqual([
      {
        row: '2',
        outcome: 'created',
        field: '',
        message: 'would be created (dry run: nothing was written)',
        id: '',
      },
      {
        row: '3',
        outcome: 'duplicate',
        field: 'Org.nr',
        message: 'an existing account has this organisation number',
        id: kioskId,
      },
      {
        row: '4',
        outcome: 'error',
        field: 'Org.nr',
        message: 'the check digit does not match (Luhn)',
        id: '',
      },
      {
        row: '5',
        outcome: 'error',
        field: 'Företag',
        message: 'looks like a spreadsheet formula; the row is not imported',
        id: '',
      },
      { row: '6', outcome: 'duplicate', field: 'E-post', message: 'same e-mail as row 2', id: '' },
      { row: '7', outcome: 'error', field: '', message: 'the row has 3 cells, the header has 9', id: '' },
      {
        row: '8',
        outcome: 'created',
        field: '',
        message: 'would be created (dry run: nothing was written)',
        id: '',
      },
    ]);
    expect(names(await setup.accounts())).toEqual(['Kiosken HB']);
    expect(await setup.contacts()).toEqual([]);
  });

  it('runs: creates exactly the valid rows that are not duplicates, findable by their phones', async () => {
    // Prepare
    const setup = await importSetup({ table });
    await withExistingKiosk(setup);
    const importId = await setup.upload(file, mapping);

    // Act
    const view = await setup.runToEnd(importId, 'run');

    // Assess
    expect(view).toMatchObject({ state: 'done', mode: 'run', rowsCreated: 2, rowsFailed: 3, duplicates: 2 });
    expect(names(await setup.accounts())).toEqual(['Bageri Solrosen AB', 'Hemma', 'Kiosken HB']);
    expect(names(await setup.contacts())).toEqual(['Anna', 'Olle']);
    const report = await downloadReport(view);
    const created = report.filter((r) => r.outcome === 'created');
    expect(created.map((r) => [r.row, r.message])).toEqual([
      ['2', 'account created'],
      ['2', 'contact created'],
      ['8', 'account created'],
      ['8', 'contact created'],
    ]);
    const anna = await accountsServices({ table: setup.table }).subjects.identify(
      setup.actor,
      'phone',
      '+46701234567',
    );
    expect(anna.contacts.map((c) => [c.contact.firstName, c.account?.name])).toEqual([
      ['Anna', 'Bageri Solrosen AB'],
    ]);
    expect(anna.contacts[0]?.contact.id).toBe(created[1]?.id);
  });

  it('run twice leaves exactly one copy of each row; the second run reports them skipped', async () => {
    // Prepare
    const setup = await importSetup({ table });
    const importId = await setup.upload(file, mapping);
    await setup.runToEnd(importId, 'run');
    const accountsAfterFirst = await setup.accounts();

    // Act
    const second = await setup.runToEnd(importId, 'run');

    // Assess
    expect(second).toMatchObject({
      state: 'done',
      rowsCreated: 0,
      rowsSkipped: 3,
      rowsFailed: 3,
      duplicates: 1,
    });
    expect((await setup.accounts()).map((a) => a.id).sort()).toEqual(
      accountsAfterFirst.map((a) => a.id).sort(),
    );
    expect(names(await setup.contacts())).toEqual(['Anna', 'Erik', 'Olle']);
    const skipped = (await downloadReport(second)).filter((r) => r.outcome === 'skipped');
    expect(new Set(skipped.map((r) => r.message))).toEqual(
      new Set(['already imported by an earlier run of this import']),
    );
  });

  it('a second import of the same file finds every row a duplicate of existing data', async () => {
    // Prepare
    const setup = await importSetup({ table });
    await setup.runToEnd(await setup.upload(file, mapping), 'run');
    const before = (await setup.accounts()).length;

    // Act
    const again = await setup.runToEnd(await setup.upload(file, mapping), 'run');

    // Assess
    expect(again).toMatchObject({ rowsCreated: 0, duplicates: 4, rowsFailed: 3 });
    expect(await setup.accounts()).toHaveLength(before);
  });

  it('finds a phone a duplicate while any account still has it, and imports it once none has', async () => {
    // Prepare: two accounts share a switchboard; the first of them (the one a lookup Query would
    // have named) lets it go.
    const setup = await importSetup({ table });
    const { accounts } = accountsServices({ table: setup.table });
    const switchboard = { customerType: 'B2B' as const, phones: ['08-123 456 78'] };
    const first = (await accounts.create(setup.actor, { name: 'Första AB', ...switchboard })).value;
    const second = (await accounts.create(setup.actor, { name: 'Andra AB', ...switchboard })).value;
    await accounts.update(setup.actor, first.id, first.version, { phones: [] });
    const oneRow = `${header}\nNya AB;;B2B;08-123 456 78;;;;;\n`;

    // Act
    const whileShared = await setup.runToEnd(await setup.upload(oneRow, mapping), 'dry-run');
    await accounts.update(setup.actor, second.id, second.version, { phones: ['08-999 999 99'] });
    const onceFree = await setup.runToEnd(await setup.upload(oneRow, mapping), 'dry-run');

    // Assess
    expect(await downloadReport(whileShared)).toEqual([
      {
        row: '2',
        outcome: 'duplicate',
        field: 'Växel',
        message: 'an existing account has this phone number',
        id: second.id,
      },
    ]);
    expect(onceFree).toMatchObject({ rowsCreated: 1, duplicates: 0 });
  });

  it('ignores a redelivered message: nothing is written twice', async () => {
    // Prepare
    const setup = await importSetup({ table });
    const importId = await setup.upload(file, mapping);
    await setup.services.imports.request(setup.actor, importId, 'run');
    const [requested] = await setup.workerEvents();
    await setup.services.runner.handle(requested as ImportStepEvent, plentyOfTime);
    const done = await setup.services.imports.get(setup.actor, importId);

    // Act
    await setup.services.runner.handle(requested as ImportStepEvent, plentyOfTime);

    // Assess
    const { reportUrl: _before, ...unchanged } = done;
    const { reportUrl: _after, ...now } = await setup.services.imports.get(setup.actor, importId);
    expect(now).toEqual(unchanged);
    expect(await setup.accounts()).toHaveLength(3);
    expect(await setup.workerEvents()).toEqual([]);
  });

  it('finishes a step that failed after writing rows when its message comes again, creating nothing twice', async () => {
    // Prepare: the first write of the step's report fails, after its rows were written.
    let failures = 1;
    const setup = await importSetup({
      table,
      objects: (store): ObjectStore => ({
        presignUpload: (...args) => store.presignUpload(...args),
        presignDownload: (...args) => store.presignDownload(...args),
        head: (key) => store.head(key),
        read: (key) => store.read(key),
        writeStream: (key, body, type) => store.writeStream(key, body, type),
        write: async (key, body, type) => {
          if (key.includes('/part-') && failures-- > 0) throw new Error('S3 is having a moment');
          await store.write(key, body, type);
        },
      }),
    });
    const importId = await setup.upload(file, mapping);
    await setup.services.imports.request(setup.actor, importId, 'run');
    const [requested] = await setup.workerEvents();
    await expect(setup.services.runner.handle(requested as ImportStepEvent, plentyOfTime)).rejects.toThrow(
      'S3 is having a moment',
    );
    expect(await setup.accounts()).toHaveLength(3);

    // Act
    await setup.services.runner.handle(requested as ImportStepEvent, plentyOfTime);

    // Assess
    const view = await setup.services.imports.get(setup.actor, importId);
    expect(view).toMatchObject({ state: 'done', rowsDone: 7, rowsCreated: 3, rowsSkipped: 0 });
    expect(await setup.accounts()).toHaveLength(3);
    expect(await setup.contacts()).toHaveLength(3);
  });

  it('the worker function fails with a failed step, so its message comes again', async () => {
    // Prepare
    let failures = 1;
    const setup = await importSetup({
      table,
      objects: (store): ObjectStore => ({
        presignUpload: (...args) => store.presignUpload(...args),
        presignDownload: (...args) => store.presignDownload(...args),
        head: (key) => store.head(key),
        read: (key) => store.read(key),
        writeStream: (key, body, type) => store.writeStream(key, body, type),
        write: async (key, body, type) => {
          if (key.endsWith('report.csv') && failures-- > 0) throw new Error('S3 is having a moment');
          await store.write(key, body, type);
        },
      }),
    });
    const importId = await setup.upload(file, mapping);
    await setup.services.imports.request(setup.actor, importId, 'run');
    const [requested] = await setup.workerEvents();
    const handler = importWorkerHandler('import-worker', () => setup.services.runner);
    const sqsEvent = {
      Records: [
        {
          messageId: 'message-1',
          receiptHandle: 'receipt-1',
          body: JSON.stringify({
            id: 'bus-1',
            'detail-type': 'ImportRequested',
            source: 'gridline.accounts',
            detail: requested,
          }),
          attributes: {},
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:local:000000000000:imports',
          awsRegion: 'local',
        },
      ],
    } as unknown as SQSEvent;

    // Act
    const first = handler(sqsEvent, lambdaContext());
    await expect(first).rejects.toThrow('All records failed processing');
    const second = await handler(sqsEvent, lambdaContext());

    // Assess
    expect(second).toEqual({ batchItemFailures: [] });
    expect(await setup.services.imports.get(setup.actor, importId)).toMatchObject({
      state: 'done',
      rowsCreated: 3,
    });
    expect(await setup.accounts()).toHaveLength(3);
  });

  it('two deliveries of one message at once create each row once', async () => {
    // Prepare
    const setup = await importSetup({ table, limits: { batchRows: 2 } });
    const importId = await setup.upload(file, mapping);
    await setup.services.imports.request(setup.actor, importId, 'run');
    const [requested] = await setup.workerEvents();

    // Act
    await Promise.all([
      setup.services.runner.handle(requested as ImportStepEvent, plentyOfTime),
      setup.services.runner.handle(requested as ImportStepEvent, plentyOfTime),
    ]);
    await setup.drain();

    // Assess
    const view = await setup.services.imports.get(setup.actor, importId);
    expect(view).toMatchObject({ state: 'done', rowsDone: 7, rowsCreated: 3 });
    expect(names(await setup.accounts())).toEqual(['Bageri Solrosen AB', 'Hemma', 'Kiosken HB']);
    expect(await setup.contacts()).toHaveLength(3);
  });

  it('hands over to a next step after a slice of rows, and reports every row once, in order', async () => {
    // Prepare
    const setup = await importSetup({ table, limits: { batchRows: 2, sliceRows: 2 } });
    const importId = await setup.upload(file, mapping);
    await setup.services.imports.request(setup.actor, importId, 'run');

    // Act
    const delivered = await setup.drain();

    // Assess
    expect(delivered.map((e) => [e.type, e.data.step])).toEqual([
      ['ImportRequested', 0],
      ['ImportContinued', 1],
      ['ImportContinued', 2],
      ['ImportContinued', 3],
    ]);
    const view = await setup.services.imports.get(setup.actor, importId);
    expect(view).toMatchObject({ state: 'done', rowsDone: 7, rowsCreated: 3, rowsFailed: 3, duplicates: 1 });
    const report = await downloadReport(view);
    expect(report.map((r) => Number(r.row))).toEqual([2, 2, 3, 3, 4, 5, 6, 7, 8, 8]);
  });

  it('hands over when the invocation’s time runs short', async () => {
    // Prepare
    const setup = await importSetup({ table, limits: { batchRows: 3, marginMs: 60_000 } });
    const importId = await setup.upload(file, mapping);
    await setup.services.imports.request(setup.actor, importId, 'dry-run');

    // Act
    const delivered = await setup.drain({ remainingMs: () => 30_000 });

    // Assess
    expect(delivered).toHaveLength(3);
    expect(await setup.services.imports.get(setup.actor, importId)).toMatchObject({
      state: 'done',
      rowsDone: 7,
    });
  });

  it('shows progress while it runs', async () => {
    // Prepare
    const setup = await importSetup({ table, limits: { batchRows: 2, sliceRows: 4 } });
    const importId = await setup.upload(file, mapping);
    await setup.services.imports.request(setup.actor, importId, 'run');
    const [requested] = await setup.workerEvents();

    // Act
    await setup.services.runner.handle(requested as ImportStepEvent, plentyOfTime);

    // Assess
    expect(await setup.services.imports.get(setup.actor, importId)).toMatchObject({
      state: 'importing',
      rowsTotal: 7,
      rowsDone: 4,
    });
  });

  it('fails validation naming the mapped columns the file lacks, and writes nothing', async () => {
    // Prepare
    const setup = await importSetup({ table });
    const importId = await setup.upload('Företag;Ort\nBageri AB;Umeå\n', mapping);

    // Act
    const view = await setup.runToEnd(importId, 'run');

    // Assess
    expect(view.state).toBe('failed');
    expect(view.failure?.message).toBe(
      'the file has no column "E-post", "Efternamn", "Förnamn", "Kundnr", "Kundtyp", "Mobil", "Org.nr", "Växel"',
    );
    expect(view.failure?.fields?.[0]).toEqual({
      name: 'columns.E-post',
      reason: 'the file has no such column',
    });
    expect(view.reportUrl).toBeUndefined();
    expect(await setup.accounts()).toEqual([]);
  });

  it('fails on broken encoding, naming the row, before writing any row', async () => {
    // Prepare: row 3 holds a windows-1252 "ö" in a file read as UTF-8.
    const setup = await importSetup({ table });
    const broken = Buffer.concat([
      Buffer.from(`${header}\n${rows[0]}\nKiosk G`),
      Buffer.from([0xf6]),
      Buffer.from('teborg;;B2C;;;;;;\n'),
    ]);
    const importId = await setup.upload(broken, mapping);

    // Act
    const view = await setup.runToEnd(importId, 'run');

    // Assess
    expect(view).toMatchObject({
      state: 'failed',
      failure: { message: 'broken encoding at row 3: the bytes are not utf-8', row: 3 },
    });
    expect(await setup.accounts()).toEqual([]);
  });

  it('reads the same file as windows-1252 when told so', async () => {
    // Prepare
    const setup = await importSetup({ table });
    const latin = Buffer.from('Företag;Kundtyp\nGöteborgs Kiosk;B2C\n', 'latin1');
    const importId = await setup.upload(latin, {
      columns: { Företag: 'account.name', Kundtyp: 'account.customerType' },
      options: { delimiter: 'auto', encoding: 'windows-1252' },
    });

    // Act
    const view = await setup.runToEnd(importId, 'run');

    // Assess
    expect(view.rowsCreated).toBe(1);
    expect(names(await setup.accounts())).toEqual(['Göteborgs Kiosk']);
  });

  it('fails on a 10 MB row, naming it, without importing the rows before it', async () => {
    // Prepare
    const setup = await importSetup({ table });
    const huge = `${header}\n${rows[0]}\nJätte AB;;B2B;;;;;${'x'.repeat(10 * 1024 * 1024)};\n`;
    const importId = await setup.upload(huge, mapping);

    // Act
    const view = await setup.runToEnd(importId, 'run');

    // Assess
    expect(view.failure).toEqual({ message: 'row 3: the row is longer than 1,000,000 characters', row: 3 });
    expect(await setup.accounts()).toEqual([]);
  });

  it('is not run before its file is uploaded', async () => {
    // Prepare
    const setup = await importSetup({ table });
    const created = await setup.services.imports.create(setup.actor, {
      kind: 'accounts-and-contacts',
      fileName: 'kunder.csv',
      size: 100,
    });
    await setup.services.imports.setMapping(setup.actor, created.import.id, created.import.version, mapping);

    // Act
    const attempt = setup.services.imports.request(setup.actor, created.import.id, 'run');

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({ fields: [{ name: 'file', reason: 'is not uploaded' }] });
  });

  it('is another tenant’s business only to its own tenant', async () => {
    // Prepare
    const mine = await importSetup({ table });
    const theirs = await importSetup({ table });
    const importId = await mine.upload(file, mapping);

    // Act
    const failure = (attempt: Promise<unknown>) =>
      attempt.then(
        () => undefined,
        (error: unknown) => error,
      );
    const read = await failure(theirs.services.imports.get(theirs.actor, importId));
    const run = await failure(theirs.services.imports.request(theirs.actor, importId, 'run'));

    // Assess
    expect(read).toBeInstanceOf(NotFoundError);
    expect(run).toBeInstanceOf(NotFoundError);
  });

  it('keeps the import in its own partition, with its mapping', async () => {
    // Prepare
    const setup = await importSetup({ table });

    // Act
    const importId = await setup.upload(file, mapping);

    // Assess
    const { Item } = await setup.table.client.send(
      new GetCommand({
        TableName: setup.table.name,
        Key: { pk: `T#${setup.tenant.id}#IMPORT#${importId}`, sk: 'IMPORT' },
      }),
    );
    expect(Item).toMatchObject({ entity: 'Import', state: 'awaiting-upload', mapping });
  });
});
