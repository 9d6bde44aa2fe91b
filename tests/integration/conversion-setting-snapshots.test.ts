import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '#domain/errors';
import { settingEntity } from '#table/settings/entities';
import { salesFixture } from '../support/sales-fixture';

type Fixture = Awaited<ReturnType<typeof salesFixture>>;

const failure = (attempt: Promise<unknown>) =>
  attempt.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('a lead conversion checked against settings the container keeps', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await salesFixture();
  });

  it('is refused when a setting changed in another container, and its retry is checked against the setting as it is', async () => {
    // Prepare: the sales container keeps the category as 'both' (a conversion checked it);
    // then another container makes it a contacts' category.
    const category = (await f.settings.create(f.admin, 'category', { title: 'Storkund', scope: 'both' }))
      .value;
    const sqlLead = async (email: string) => {
      const lead = (
        await f.sales.leads.create(f.anna, {
          companyName: 'Kategori AB',
          firstName: 'Eva',
          lastName: 'Berg',
          email,
          segment: 'B2B',
          attribution: { source: 'manual' },
        })
      ).value;
      return f.sales.leads.move(f.anna, lead.id, lead.version, 'sales-qualified');
    };
    const request = {
      account: { categoryIds: [category.id] },
      deal: { stageId: f.stages.qualification, valueMinor: 1000, expectedCloseDate: '2027-01-31' },
    };
    const first = await sqlLead('first@kategori.example');
    await f.sales.conversions.convert(f.anna, first.id, first.version, request);
    await f.table.client.send(
      new UpdateCommand({
        TableName: f.table.name,
        Key: settingEntity.key({ tenantId: f.tenant.id, settingId: category.id }),
        UpdateExpression: 'SET #scope = :contact, version = version + :one',
        ExpressionAttributeNames: { '#scope': 'scope' },
        ExpressionAttributeValues: { ':contact': 'contact', ':one': 1 },
      }),
    );
    const second = await sqlLead('second@kategori.example');

    // Act
    const stale = await failure(f.sales.conversions.convert(f.anna, second.id, second.version, request));
    const retry = await failure(f.sales.conversions.convert(f.anna, second.id, second.version, request));

    // Assert: refused with nothing written, and the retry gets the answer of the stored setting.
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).code).toBe('changed-meanwhile');
    expect(retry).toBeInstanceOf(ValidationError);
    expect((retry as ValidationError).fields).toEqual([
      { name: 'account.categoryIds.0', reason: 'this category is for contacts only' },
    ]);
    expect((await f.sales.leads.get(f.anna, second.id)).stage).toBe('sales-qualified');
  });
});
