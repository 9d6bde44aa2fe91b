import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import type { Caller } from '#domain/caller';
import { exportRunner } from '#runtime/export-runner-services';
import { exportService } from '#runtime/exports-services';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { DynamoExportJobStore } from '#table/exports/export-store';
import { localObjectStore } from '../../support/attachment-files';
import { sampleContract } from '../../support/contract-fixture';
import { putContract } from '../../support/contract-item';
import { freshTable, slovakTenant } from '../../support/local-table';

describe('the export worker', () => {
  it('builds an export once: its message delivered again changes nothing, and a contract not signed is left out', async () => {
    // Prepare
    const table = await freshTable();
    const tenant = slovakTenant();
    await new DynamoTenantDirectory(table).save(tenant);
    const admin: Caller = { tenantId: tenant.id, userId: 'admin-1', roles: ['admin'] };
    const env = { table, objects: localObjectStore() };
    const exports = exportService(env);
    const runner = exportRunner(env);
    const signed = sampleContract({
      id: ulid(),
      tenantId: tenant.id,
      state: 'signed',
      signedAt: '2026-12-04T10:00:00.000Z',
    });
    const draft = sampleContract({ id: ulid(), tenantId: tenant.id, state: 'draft', number: '2026-000043' });
    await putContract(table, signed);
    await putContract(table, draft);
    const spec = await exports.createSpec(admin, { copyOfPreset: 'ZSDIS' });
    const job = await exports.request(admin, {
      specId: spec.id,
      selection: { kind: 'contracts', contractIds: [signed.id, draft.id] },
      format: 'csv',
    });

    // Act
    const [first, second] = [await runner.run(tenant.id, job.id), await runner.run(tenant.id, job.id)];

    // Assess
    expect(first?.counts).toEqual({ rows: 2, invalid: 0, alreadyExported: 0, contracts: 1 });
    expect(first?.file?.fileName).toMatch(/^datova-veta-ZSDIS-\d{4}-\d{2}-\d{2}-[0-9A-Z]{26}\.csv$/);
    expect(second).toBeUndefined();
    const stored = await exports.get(admin, job.id);
    expect([stored.state, stored.version]).toEqual(['completed', first?.version]);
    expect((await exports.ofContract(admin, signed.id)).map((e) => e.exportId)).toEqual([job.id]);
    expect(await exports.ofContract(admin, draft.id)).toEqual([]);
    const report = await fetch(stored.downloads?.errorReport as string);
    expect((await report.text()).split('\r\n')[1]).toBe(
      `${draft.id},,contract,no signed or active contract with this id`,
    );
  });

  it('writes the same file again when a delivery failed after marking its contracts', async () => {
    // Prepare: a month export whose first delivery marked its contract, then failed before completing.
    const table = await freshTable();
    const tenant = slovakTenant();
    await new DynamoTenantDirectory(table).save(tenant);
    const admin: Caller = { tenantId: tenant.id, userId: 'admin-1', roles: ['admin'] };
    const env = { table, objects: localObjectStore() };
    const exports = exportService(env);
    const runner = exportRunner(env);
    const signed = sampleContract({
      id: ulid(),
      tenantId: tenant.id,
      state: 'signed',
      signedAt: '2026-12-04T10:00:00.000Z',
    });
    await putContract(table, signed);
    const spec = await exports.createSpec(admin, { copyOfPreset: 'ZSDIS' });
    const job = await exports.request(admin, {
      specId: spec.id,
      selection: { kind: 'month', month: '2027-01', onlyNotExported: true },
      format: 'xlsx',
    });
    const jobs = new DynamoExportJobStore(table);
    await jobs.markExported(tenant.id, [
      {
        contractId: signed.id,
        distributor: 'ZSDIS',
        exportId: job.id,
        exportedAt: '2026-12-04T10:00:00.000Z',
      },
    ]);

    // Act
    const done = await runner.run(tenant.id, job.id);

    // Assess: its own mark does not take the contract out of its own file.
    expect(done?.counts).toEqual({ rows: 2, invalid: 0, alreadyExported: 0, contracts: 1 });
  });
});
