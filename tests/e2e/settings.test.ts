import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsServices } from '#runtime/accounts-services';
import { createTable } from '#table/core/table';
import type { LocalRuntime } from '../../lib/local/runtime';
import { clientFor, startTestRuntime, tokenFor } from '../support/runtime';

describe('settings, end to end', () => {
  let runtime: LocalRuntime;
  let admin: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    admin = clientFor(runtime, runtime.tenants[0]?.adminToken as string);
  });
  afterAll(() => runtime.stop());

  it('moves every customer of an industry to another as a job whose progress reaches 100 %', async () => {
    // Prepare: two industries and 120 accounts in the first (more than one batch of 100), written
    // through the domain for speed. The 2 000-account chain of bounded invocations is the
    // integration test's; here the flow counts.
    const bakeries = await admin.post('/v1/settings/industries', { title: 'Bagerier' });
    const food = await admin.post('/v1/settings/industries', { title: 'Livsmedel' });
    const table = createTable(runtime.tableName);
    const { accounts } = accountsServices({ table });
    const actor = { tenantId: 'norrsken', userId: 'norrsken-admin' };
    for (let start = 0; start < 120; start += 40) {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          accounts.create(actor, {
            name: `Bageri ${start + i}`,
            customerType: 'B2B',
            industryId: bakeries.body.id,
          }),
        ),
      );
    }
    await runtime.settled();

    // Act
    const started = await admin.post(`/v1/settings/industries/${bakeries.body.id}/move-customers`, {
      toIndustryId: food.body.id,
    });
    await runtime.settled();
    const job = await admin.get(`/v1/jobs/${started.body.id}`);
    const source = await admin.get(`/v1/settings/industries/${bakeries.body.id}`);
    const target = await admin.get(`/v1/settings/industries/${food.body.id}`);

    // Assess
    expect(started.status).toBe(202);
    expect(job.body).toMatchObject({ state: 'done', total: 120, done: 120, skipped: 0 });
    expect(source.body.usage.accounts).toBe(0);
    expect(target.body.usage.accounts).toBe(120);
  });

  it('refuses deleting an industry still in use, and lets only admins change settings', async () => {
    const industry = await admin.post('/v1/settings/industries', { title: 'Fjärrvärme' });
    await admin.post('/v1/accounts', {
      name: 'Värmeverket AB',
      customerType: 'B2B',
      industryId: industry.body.id,
    });
    const sales = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'sales'));

    const removal = await admin.delete(`/v1/settings/industries/${industry.body.id}`);
    const bySales = await sales.post('/v1/settings/industries', { title: 'Säljarens bransch' });
    const unknown = await admin.post('/v1/accounts', {
      name: 'Okänd bransch AB',
      customerType: 'B2B',
      industryId: '01KAQ3X1A2B3C4D5E6F7G8H9J0',
    });

    expect(removal.status).toBe(409);
    expect(removal.body.type).toBe('urn:gridline:problem:setting-in-use');
    expect(bySales.status).toBe(403);
    expect(unknown.status).toBe(400);
    expect(unknown.body['invalid-params'][0].name).toBe('industryId');
  });
});
