import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ImportMapping } from '#domain/import/import-mapping';
import { accountsServices } from '#runtime/accounts-services';
import { lookupEntity, lookupOwnersEntity } from '#table/accounts/entities';
import type { Table } from '#table/core/table';
import { runLookupOwnersCli } from '../../lib/operations/lookup-owners-cli';
import { addLookupOwner } from '../../lib/operations/lookup-owners-fill';
import { freshTable } from '../support/local-table';
import { downloadReport, importSetup } from './import-support';

const header = 'Företag;Kundtyp;Växel;Förnamn;Efternamn;E-post;Mobil';
const mapping: ImportMapping = {
  columns: {
    Företag: 'account.name',
    Kundtyp: 'account.customerType',
    Växel: 'account.phones',
    Förnamn: 'contact.firstName',
    Efternamn: 'contact.lastName',
    'E-post': 'contact.email',
    Mobil: 'contact.phones',
  },
  options: { delimiter: 'auto', encoding: 'utf-8' },
};
/** A row whose switchboard, e-mail and mobile the tenant's existing account and contact already have. */
const sameNumbers = `${header}\nNya AB;B2B;08-123 456 78;Per;Ny;per@exempel.se;070-111 22 33\n`;

/** Every owners item of the table, as stored. */
async function ownersItems(table: Table) {
  const { Items = [] } = await table.client.send(
    new ScanCommand({
      TableName: table.name,
      FilterExpression: '#entity = :owners',
      ExpressionAttributeNames: { '#entity': 'entity' },
      ExpressionAttributeValues: { ':owners': lookupOwnersEntity.stored },
      ConsistentRead: true,
    }),
  );
  return Items.sort((a, b) => String(a.pk).localeCompare(String(b.pk)));
}

describe('npm run backfill:lookup-owners against the local runtime', () => {
  let table: Table;
  let runtimeFile: string;
  beforeAll(async () => {
    table = await freshTable();
    runtimeFile = path.join(mkdtempSync(path.join(tmpdir(), 'gridline-backfill-')), 'runtime.json');
    writeFileSync(
      runtimeFile,
      JSON.stringify({ dynamoEndpoint: inject('dynamoEndpoint'), tableName: table.name }),
    );
  });

  const fill = async () => {
    const output: string[] = [];
    const exitCode = await runLookupOwnersCli([], {
      env: {},
      runtimeFile,
      print: (line) => output.push(line),
    });
    return { exitCode, output };
  };

  it('fills the owners items a table written before them lacks, so the import finds those duplicates again; twice changes nothing', async () => {
    // Prepare: an account and its contact with phones and an e-mail, written by the services;
    // then their owners items deleted, as a table deployed before owners items has none.
    const setup = await importSetup({ table });
    const { accounts, contacts } = accountsServices({ table });
    const account = (
      await accounts.create(setup.actor, { name: 'Gamla AB', customerType: 'B2B', phones: ['08-123 456 78'] })
    ).value;
    const contact = (
      await contacts.create(setup.actor, {
        firstName: 'Per',
        lastName: 'Gammal',
        accountId: account.id,
        email: 'per@exempel.se',
        phones: ['070-111 22 33'],
      })
    ).value;
    const written = await ownersItems(table);
    expect(written).toHaveLength(3);
    for (const item of written) {
      await table.client.send(
        new DeleteCommand({ TableName: table.name, Key: { pk: item.pk, sk: item.sk } }),
      );
    }
    const missed = await setup.runToEnd(await setup.upload(sameNumbers, mapping), 'dry-run');

    // Act
    const first = await fill();
    const filled = await ownersItems(table);
    const second = await fill();
    const found = await setup.runToEnd(await setup.upload(sameNumbers, mapping), 'dry-run');

    // Assess
    expect(missed).toMatchObject({ duplicates: 0 });
    const done = 'Done: 3 phone and e-mail lookups read, 3 owners written.';
    expect(first.exitCode).toBe(0);
    expect(first.output[0]).toBe('Filling the owners items of the local runtime…');
    const progress = first.output.slice(1, -1);
    expect(progress.length).toBeGreaterThan(0);
    for (const line of progress)
      expect(line).toMatch(/^ {2}\d phone and e-mail lookups read, \d owners written$/);
    expect(first.output.at(-1)).toBe(done);
    expect(second.exitCode).toBe(0);
    expect(second.output.at(-1)).toBe(done);
    expect(filled).toEqual(written);
    expect(await ownersItems(table)).toEqual(written);
    expect(found.duplicates).toBeGreaterThan(0);
    expect(
      (await downloadReport(found)).filter((r) => r.outcome === 'duplicate').map((r) => [r.field, r.id]),
    ).toEqual([
      ['Växel', account.id],
      ['E-post', contact.id],
      ['Mobil', contact.id],
    ]);
  });

  it('does not bring back an owner whose lookup a live write removed after the Scan read it', async () => {
    // Prepare: a lookup key as the Scan would have read it, whose item is gone.
    const lookup = lookupEntity.key({
      tenantId: 'tenant-gone',
      kind: 'email',
      value: 'borta@exempel.se',
      subject: 'CONTACT',
      id: '01JGONE0000000000000000000',
    });

    // Act
    const outcome = await addLookupOwner(table, lookup);

    // Assess
    expect(outcome).toBe('gone');
    const owners = await lookupOwnersEntity.get(table, {
      tenantId: 'tenant-gone',
      kind: 'email',
      value: 'borta@exempel.se',
    });
    expect(owners).toBeUndefined();
  });

  it('says how to start the local runtime when there is none, and fails', async () => {
    // Act
    const output: string[] = [];
    const exitCode = await runLookupOwnersCli([], {
      env: {},
      runtimeFile: path.join(tmpdir(), 'no-such-gridline-runtime', 'runtime.json'),
      print: (line) => output.push(line),
    });

    // Assess
    expect(exitCode).toBe(1);
    expect(output).toEqual([expect.stringContaining('start the local runtime with npm start')]);
  });
});
