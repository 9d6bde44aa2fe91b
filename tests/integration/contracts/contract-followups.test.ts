import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfkitRenderer } from '#adapters/documents/pdfkit-renderer';
import { SigniClient } from '#adapters/e-signature/signi-client';
import type { Contract } from '#domain/contracts/contract';
import type { ContractsServices } from '#domain/contracts/contracts-services';
import { contractRenewals, contractsServices } from '#runtime/contracts-services';
import type { Table } from '#table/core/table';
import { LocalScheduler } from '../../../lib/local/local-scheduler';
import { type SigniLocal, startSigniLocal } from '../../../lib/local/signi-local';
import { everyUserActive } from '../../support/accounts-fakes';
import { localObjectStore } from '../../support/attachment-files';
import { contractWorld } from '../../support/contract-world';
import { freshTable } from '../../support/local-table';

const apiKey = 'test-workspace-key';
const proposer = { firstName: 'Zuzana', lastName: 'Mrázová', email: 'zmluvy@tatra.example' };

describe('what follows a contract: switches, print batches, renewals and ends', () => {
  let table: Table;
  let signi: SigniLocal;
  let s: ContractsServices;
  const now = new Date('2026-12-04T09:00:00.000Z');
  const clock = { now: () => now };

  beforeAll(async () => {
    table = await freshTable();
    signi = await startSigniLocal({ apiKey });
    s = contractsServices(
      {
        table,
        objects: localObjectStore(),
        eSignature: new SigniClient({
          baseUrl: signi.endpoint,
          apiKey: async () => apiKey,
          timeoutMs: 2_000,
          retries: 0,
        }),
        renderer: new PdfkitRenderer(),
        signingCallbackUrl: 'http://127.0.0.1:9/v1/webhooks/e-signature/signi',
      },
      { clock, users: everyUserActive },
    );
  });
  afterAll(() => signi.stop());

  /** A draft from an accepted offer; `paper` sets the account's preference first. */
  async function draft(communication: 'electronic' | 'paper' = 'electronic') {
    const w = await contractWorld(table, clock);
    if (communication === 'paper') {
      await w.crm.accounts.update(w.admin, w.accountId, 1, { communicationPreference: 'paper' });
    }
    await s.settings.amend(w.admin, { proposer });
    const contract = await s.intake.fromAcceptedOffer(
      { tenantId: w.tenantId, userId: w.seller.userId },
      await w.acceptOffer(),
    );
    return { w, contract: contract as Contract };
  }

  it('starts one supplier switch per supply point, once, on its market’s earliest day', async () => {
    const { w, contract } = await draft();
    const signed = { ...contract, state: 'signed' as const, signedAt: '2026-12-04T10:00:00.000Z' };

    const [first, again] = await Promise.all([s.switches.start(signed), s.switches.start(signed)]);
    const third = await s.switches.start(signed);

    expect(first.map((j) => j.supplyPointId).sort()).toEqual([...w.supplyPointIds].sort());
    expect(again.map((j) => j.id).sort()).toEqual(first.map((j) => j.id).sort());
    expect(third.map((j) => j.id).sort()).toEqual(first.map((j) => j.id).sort());
    expect(first.map((j) => [j.type, j.state, j.effectiveDate])).toEqual([
      ['supplier-switch', 'requested', '2027-01-01'],
      ['supplier-switch', 'requested', '2027-01-01'],
    ]);
  });

  it('sends a paper contract by post into the day’s print batch, never an electronic one, each once', async () => {
    const paper = await draft('paper');
    const electronic = await draft();
    expect(paper.contract.communication).toBe('paper');

    const sent = await s.signing.requestSend(paper.w.seller, paper.contract.id, paper.contract.version);
    await s.signing.requestSend(electronic.w.seller, electronic.contract.id, electronic.contract.version);
    await s.signing.deliver(electronic.w.tenantId, electronic.contract.id);
    const collected = await s.printBatches.collect('2026-12-04');
    const again = await s.printBatches.collect('2026-12-04');

    expect(sent).toMatchObject({ state: 'sent', document: { key: expect.stringContaining('.pdf') } });
    expect(sent.signing).toBeUndefined();
    expect(collected.documents).toBeGreaterThanOrEqual(1);
    expect(again).toEqual({ batches: 0, documents: 0 });
    const [batch] = (await s.printBatches.list(paper.w.admin, { limit: 10 })).items;
    expect(batch?.documents.map((d) => d.contractId)).toEqual([paper.contract.id]);
    expect((await s.printBatches.list(electronic.w.admin, { limit: 10 })).items).toEqual([]);
    const links = await s.printBatches.download(paper.w.admin, '2026-12-04');
    const cover = Buffer.from(await (await fetch(links.coverUrl)).arrayBuffer());
    expect(cover.subarray(0, 5).toString()).toBe('%PDF-');

    const signedByPost = await s.signing.recordSigned(paper.w.seller, paper.contract.id, sent.version);
    expect(signedByPost.state).toBe('signed');
    expect((await s.contracts.history(paper.w.seller, paper.contract.id)).at(-1)?.actor.kind).toBe('user');
  });

  it('renews a fixed-term contract once, in its notice window, and ends it after its last day', async () => {
    const { w, contract } = await draft('paper');
    const sent = await s.signing.requestSend(w.seller, contract.id, contract.version);
    const signed = await s.signing.recordSigned(w.seller, contract.id, sent.version);
    // A 24-month term from 1 January 2025 ends on 31 December 2026: its renewal is due from 1 November.
    const active = await s.contracts.activate(w.seller, contract.id, signed.version, '2025-01-01');
    expect(active.term).toEqual({ kind: 'fixed', months: 24, endDate: '2026-12-31' });
    const scheduler = new LocalScheduler(async () => {}, clock);
    const renewals = contractRenewals({ table, scheduler }, { clock, users: everyUserActive });

    const runs = await Promise.all([renewals.renewDue('2026-12-04'), renewals.renewDue('2026-12-04')]);
    const renewed = await s.contracts.get(w.seller, contract.id);

    expect(runs.reduce((n, r) => n + r.renewed, 0)).toBeGreaterThanOrEqual(1);
    expect(renewed.renewalDealId).toBeDefined();
    const deal = await w.sales.deals.get(w.seller, renewed.renewalDealId as string);
    expect(deal).toMatchObject({
      title: `Renewal of contract ${contract.number}`,
      accountId: w.accountId,
      ownerId: w.seller.userId,
      expectedCloseDate: '2026-12-31',
    });
    const deals = await w.sales.deals.list(w.seller, { limit: 20 });
    expect(deals.items.filter((d) => d.title.startsWith('Renewal of contract'))).toHaveLength(1);
    expect(scheduler.pending()).toHaveLength(1);

    expect(await renewals.endDue('2026-12-31')).toEqual({ ended: 0 });
    expect(await renewals.endDue('2027-01-01')).toEqual({ ended: 1 });
    expect(await s.contracts.get(w.seller, contract.id)).toMatchObject({
      state: 'ended',
      endDate: '2026-12-31',
    });
  });
});
