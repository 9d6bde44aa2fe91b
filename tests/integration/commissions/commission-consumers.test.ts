import { ulid } from 'ulid';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { commissionsServices } from '#runtime/commissions-services';
import type { Table } from '#table/core/table';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../../../lib/local/dynamodb-local';
import { lambdaContext } from '../../../lib/local/lambda-context';
import { topology } from '../../../lib/topology';
import { busEnvelope, sqsEvent, sqsRecord } from '../../support/queue-messages';
import { commissionWorld } from './commission-world';

const fn = (name: string) => {
  const found = topology.functions.find((f) => f.name === name);
  if (!found) throw new Error(`${name} is not in the topology`);
  return found;
};

/** The consumers as Lambda runs them: a batch from their queue, failures reported per message. */
describe('the commission consumers', () => {
  let w: Awaited<ReturnType<typeof commissionWorld>>;
  let table: Table;

  beforeAll(async () => {
    w = await commissionWorld();
    table = w.table;
    // The functions read their table from the environment, as in Lambda.
    Object.assign(process.env, {
      TABLE_NAME: table.name,
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
      AWS_REGION: LOCAL_DYNAMODB_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_DYNAMODB_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey,
    });
    await w.s.rules.create(w.admin, w.fixedRule());
  });

  it('make one commission of a ContractSigned delivered twice in a batch, and hand a poison message back alone', async () => {
    const { handler } = await import('../../../functions/commission-followups');
    const contract = w.signed();
    const signed = {
      id: ulid(),
      type: 'ContractSigned',
      source: 'gridline.contracts',
      tenantId: w.tenantId,
      occurredAt: '2026-12-04T10:00:00.000Z',
      actor: { userId: 'contract-signing' },
      subject: { type: 'contract', id: contract.id, accountId: contract.accountId },
      data: {
        contract,
        transition: {
          contractId: contract.id,
          version: 3,
          at: '2026-12-04T10:00:00.000Z',
          from: 'sent',
          to: 'signed',
          actor: { kind: 'e-signature', id: 'signi' },
        },
      },
    };
    const body = JSON.stringify(busEnvelope(signed));

    const response = await handler(
      sqsEvent(sqsRecord('m1', body), sqsRecord('m2', body), sqsRecord('poison', '{"not":"an event"')),
      lambdaContext(fn('commission-followups')),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }] });
    const page = await w.s.commissions.list(w.admin, undefined, { limit: 10 });
    expect(page.items.filter((c) => c.contractId === contract.id)).toHaveLength(1);
  });

  it('add a commission event to the statements once, however often it comes, beside a poison message', async () => {
    const { handler } = await import('../../../functions/commission-reports');
    const contract = w.signed({
      deal: { ...w.signed().deal, participants: [{ userId: 'seller-9', shareBasisPoints: 10_000 }] },
    });
    await w.s.generator.onSigned(contract);
    const [generated] = (await w.events('CommissionGenerated')).filter(
      (e) => (e.data as { commission: { id: string } }).commission.id === contract.id,
    );
    const body = JSON.stringify(busEnvelope(generated as { id: string; type: string; source: string }));

    const first = await handler(
      sqsEvent(sqsRecord('a', body), sqsRecord('b', body), sqsRecord('poison', 'not json')),
      lambdaContext(fn('commission-reports')),
    );
    const again = await handler(sqsEvent(sqsRecord('c', body)), lambdaContext(fn('commission-reports')));

    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }] });
    expect(again).toEqual({ batchItemFailures: [] });
    const statement = await commissionsServices({ table }).reports.statement(w.admin, 'seller-9', '2026-12');
    expect([statement.earnedMinor, statement.balanceMinor]).toEqual([80_000, 80_000]);
  });
});
