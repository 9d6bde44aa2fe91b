import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { ifMatch, setProposer, signedHouseholdContract } from '../support/household-contract';
import { clientFor, startTestRuntime, tokenFor } from '../support/runtime';

type Client = ReturnType<typeof clientFor>;

const tenantId = 'tatra';

describe('data-sentence exports, end to end: signed contracts → one operator’s spreadsheet and error report', () => {
  let runtime: LocalRuntime;
  let admin: Client;
  let seller: Client;

  beforeAll(async () => {
    runtime = await startTestRuntime({ demoContracts: true });
    admin = clientFor(runtime, runtime.tenants.find((t) => t.id === tenantId)?.adminToken as string);
    seller = clientFor(runtime, await tokenFor(runtime, tenantId, 'sales'));
    await setProposer(admin);
  });
  afterAll(() => runtime.stop());

  /** A finished export: asked for, built by the worker. */
  async function exported(specId: string, month: string) {
    const requested = await admin.post('/v1/data-sentence-exports', {
      specId,
      selection: { kind: 'month', month },
    });
    expect(requested.status).toBe(202);
    await runtime.settled();
    const done = await admin.get(`/v1/data-sentence-exports/${requested.body.id}`);
    expect(done.body.state).toBe('completed');
    return done.body;
  }

  it('writes the spec’s columns for the valid contracts and reports the invalid one only in the error report', async () => {
    // Prepare: the ZSDIS preset copied, with IČO made required (a household has none).
    const household = await signedHouseholdContract(runtime, { admin, seller }, [
      { userId: `${tenantId}-sales`, shareBasisPoints: 10_000 },
    ]);
    const copied = await admin.post('/v1/data-sentence-specs', { copyOfPreset: 'ZSDIS' });
    expect(copied.status).toBe(201);
    const { id, version, updatedAt: _u, updatedBy: _b, preset: _p, ...content } = copied.body;
    const columns = content.columns.map((c: { header: string }) =>
      c.header === 'IČO' ? { ...c, required: true } : c,
    );
    const spec = await admin.put(`/v1/data-sentence-specs/${id}`, { ...content, columns }, ifMatch(version));
    expect(spec.status).toBe(200);
    const school = (await admin.get('/v1/contracts?state=signed')).body.items.find(
      (c: { party: { name: string } }) => c.party.name === 'Základná škola Hviezdoslavova',
    );
    const month = (school.requestedStartDate as string).slice(0, 7);
    expect(household.id).not.toBe(school.id);

    // Act
    const job = await exported(id, month);

    // Assess: counts and the file, read back with a reader of its own.
    expect(job.counts).toMatchObject({ invalid: 1, alreadyExported: 0 });
    const file = Buffer.from(await (await fetch(job.downloads.file)).arrayBuffer());
    const rows = await readSheet(file);
    const [headers, ...data] = rows;
    expect(headers).toEqual(spec.body.columns.map((c: { header: string }) => c.header));
    expect(data).toHaveLength(job.counts.rows);
    const cell = (row: readonly unknown[], header: string) => row[(headers as string[]).indexOf(header)];
    const schoolRows = data.filter((r) => cell(r, 'Číslo zmluvy') === school.number);
    expect(schoolRows.length).toBeGreaterThan(0);
    const [first] = schoolRows as unknown[][];
    expect(cell(first as unknown[], 'IČO')).toBe('00318655');
    expect(cell(first as unknown[], 'Typ odberateľa')).toBe('PO');
    expect(cell(first as unknown[], 'Komodita')).toBe('EE');
    const [year, mm, dd] = (school.requestedStartDate as string).split('-');
    expect(cell(first as unknown[], 'Požadovaný dátum zmeny dodávateľa')).toBe(`${dd}.${mm}.${year}`);
    expect(data.some((r) => cell(r, 'Číslo zmluvy') === household.number)).toBe(false);

    const report = Buffer.from(await (await fetch(job.downloads.errorReport)).arrayBuffer());
    // UTF-8 with a byte order mark, so a spreadsheet opens the Slovak letters right.
    expect([...report.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(report.subarray(3).toString('utf8').split('\r\n').filter(Boolean)).toEqual([
      'contractNumber,supplyPoint,column,reason',
      `${household.number},${household.lines[0]?.identifier},IČO,"required, but the contract has no value"`,
    ]);

    // Act: the month again, "not yet exported": the school was sent; the household was not.
    const again = await exported(id, month);
    const carried = await admin.get(`/v1/contracts/${school.id}/data-sentence-exports`);

    // Assess
    expect(again.counts).toMatchObject({ rows: 0, invalid: 1, alreadyExported: job.counts.contracts - 1 });
    expect(carried.body.items).toEqual([
      { contractId: school.id, distributor: 'ZSDIS', exportId: job.id, exportedAt: expect.any(String) },
    ]);
    expect((await seller.get('/v1/data-sentence-specs')).status).toBe(403);
  });

  it('seeds the Slovak demo tenant with copies of the ZSDIS and SPP-distribúcia starting points', async () => {
    const specs = (await admin.get('/v1/data-sentence-specs')).body.items;
    const presets = (await admin.get('/v1/data-sentence-presets')).body.items;

    expect(presets.map((p: { distributor: string }) => p.distributor)).toEqual([
      'ZSDIS',
      'SSD',
      'VSD',
      'SPPD',
    ]);
    expect(specs.map((s: { preset?: string }) => s.preset)).toEqual(
      expect.arrayContaining(['zsdis-2026', 'sppd-2026']),
    );
  });

  it('refuses a spec naming a field outside the vocabulary or a bad date pattern, naming each', async () => {
    const copied = await admin.post('/v1/data-sentence-specs', { copyOfPreset: 'SPPD' });
    const { id, version, updatedAt: _u, updatedBy: _b, preset: _p, ...content } = copied.body;
    const columns = [
      ...content.columns,
      { header: 'Prezývka', source: { kind: 'field', field: 'customer.nickname' }, required: false },
      {
        header: 'Dátum',
        source: { kind: 'field', field: 'contract.signedOn' },
        format: { datePattern: 'yyy' },
        required: false,
      },
    ];

    const refused = await admin.put(
      `/v1/data-sentence-specs/${id}`,
      { ...content, columns },
      ifMatch(version),
    );

    expect(refused.status).toBe(400);
    expect(refused.body['invalid-params'].map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        `columns.${content.columns.length}.source.field`,
        `columns.${content.columns.length + 1}.format.datePattern`,
      ]),
    );
  });
});
