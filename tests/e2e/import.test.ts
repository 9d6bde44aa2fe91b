import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { clientFor, startTestRuntime } from '../support/runtime';

const csv = [
  'Företag;Org.nr;Typ;Förnamn;Efternamn;E-post;Telefon;Kundnummer',
  'Smedjan i Gävle AB;556703-7485;B2B;Olle;Smed;olle@smedjan.example;026-12 34 56;IMP-1',
  'Café Linnea;556016-0680;B2B;Linnea;Berg;linnea@cafe.example;070-111 22 01;IMP-2',
  'Trasig rad AB;556016-0681;B2B;Per;Fel;per@fel.example;070-111 22 02;IMP-3',
  'Formel AB;556012-5790;B2B;"=HYPERLINK(""http://x"")";Hack;hack@formel.example;070-111 22 03;IMP-4',
  'Kopia av Smedjan AB;556703-7485;B2B;Olle;Kopia;olle2@smedjan.example;026-12 34 57;IMP-5',
].join('\r\n');

describe('CSV import, end to end', () => {
  let runtime: LocalRuntime;
  let admin: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    admin = clientFor(runtime, runtime.tenants[0]?.adminToken as string);
  });
  afterAll(() => runtime.stop());

  it('dry-runs, reports bad rows and duplicates, imports the good rows, and a second run adds no copy', async () => {
    // Prepare: announce, upload, map.
    const bytes = Buffer.from(csv, 'utf8');
    const created = await admin.post('/v1/imports', {
      kind: 'accounts-and-contacts',
      fileName: 'kunder.csv',
      size: bytes.length,
    });
    const put = await fetch(created.body.upload.url, {
      method: 'PUT',
      headers: created.body.upload.headers,
      body: bytes,
    });
    const path = `/v1/imports/${created.body.import.id}`;
    const mapped = await admin.put(
      `${path}/mapping`,
      {
        columns: {
          Företag: 'account.name',
          'Org.nr': 'account.orgNumber',
          Typ: 'account.customerType',
          Förnamn: 'contact.firstName',
          Efternamn: 'contact.lastName',
          'E-post': 'contact.email',
          Telefon: 'contact.phones',
          Kundnummer: 'contact.externalCustomerId',
        },
        options: { delimiter: 'auto', encoding: 'utf-8' },
      },
      { 'if-match': created.headers.get('etag') as string },
    );

    // Act: dry run, run, and the same run again.
    const dryRun = await admin.post(`${path}/dry-run`, {});
    await runtime.settled();
    const afterDryRun = await admin.get(path);
    const accountsAfterDryRun = await admin.get('/v1/accounts?q=smedjan');
    const run = await admin.post(`${path}/run`, {});
    await runtime.settled();
    const afterRun = await admin.get(path);
    const report = await (await fetch(afterRun.body.reportUrl)).text();
    const again = await admin.post(`${path}/run`, {});
    await runtime.settled();
    const afterAgain = await admin.get(path);
    const smedjan = await admin.get('/v1/accounts?q=smedjan');
    const cafe = await admin.get('/v1/accounts?q=cafe linnea');

    // Assess
    expect(put.status).toBe(200);
    expect(mapped.status).toBe(200);
    expect(dryRun.status).toBe(202);
    expect(afterDryRun.body).toMatchObject({
      state: 'done',
      mode: 'dry-run',
      rowsTotal: 5,
      rowsFailed: 2,
      duplicates: 1,
    });
    expect(accountsAfterDryRun.body.items).toEqual([]);
    expect(run.status).toBe(202);
    expect(afterRun.body).toMatchObject({ state: 'done', mode: 'run', rowsCreated: 2 });
    expect(report).toContain('looks like a spreadsheet formula');
    expect(report).not.toMatch(/(^|[,;])=HYPERLINK/m);
    expect(again.status).toBe(202);
    expect(afterAgain.body).toMatchObject({ state: 'done', rowsCreated: 0 });
    expect(smedjan.body.items.map((a: { name: string }) => a.name)).toEqual(['Smedjan i Gävle AB']);
    expect(cafe.body.items).toHaveLength(1);
  });
});
