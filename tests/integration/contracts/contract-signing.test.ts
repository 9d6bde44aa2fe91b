import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PdfkitRenderer } from '#adapters/documents/pdfkit-renderer';
import { SigniClient } from '#adapters/e-signature/signi-client';
import type { Contract } from '#domain/contracts/contract';
import type { ContractsServices } from '#domain/contracts/contracts-services';
import { ESignatureUnavailable } from '#domain/contracts/e-signature';
import { ConflictError, NotFoundError, UnprocessableError } from '#domain/errors';
import { contractsServices } from '#runtime/contracts-services';
import type { Table } from '#table/core/table';
import { type SigniLocal, startSigniLocal } from '../../../lib/local/signi-local';
import { everyUserActive } from '../../support/accounts-fakes';
import { localObjectStore } from '../../support/attachment-files';
import { contractWorld } from '../../support/contract-world';
import { freshTable } from '../../support/local-table';

const apiKey = 'test-workspace-key';
const callbackUrl = 'http://127.0.0.1:9/v1/webhooks/e-signature/signi';
const proposer = { firstName: 'Zuzana', lastName: 'Mrázová', email: 'zmluvy@tatra.example' };

describe('signing contracts through Signi (the local stand-in, the real client)', () => {
  let table: Table;
  let signi: SigniLocal;
  const now = new Date('2026-12-04T09:00:00.000Z');
  const clock = { now: () => now };

  beforeAll(async () => {
    table = await freshTable();
    signi = await startSigniLocal({ apiKey });
  });
  afterAll(() => signi.stop());

  /** The contracts services with Signi at `baseUrl` (the stand-in, or a port nobody listens on). */
  function servicesWith(baseUrl: string): ContractsServices {
    const eSignature = new SigniClient({ baseUrl, apiKey: async () => apiKey, timeoutMs: 2_000, retries: 0 });
    return contractsServices(
      {
        table,
        objects: localObjectStore(),
        eSignature,
        renderer: new PdfkitRenderer(),
        signingCallbackUrl: callbackUrl,
      },
      { clock, users: everyUserActive },
    );
  }

  /** A world with a draft contract and the tenant's proposer set. */
  async function draft(s: ContractsServices) {
    const w = await contractWorld(table, clock);
    await s.settings.amend(w.admin, { proposer });
    const contract = await s.intake.fromAcceptedOffer(
      { tenantId: w.tenantId, userId: w.seller.userId },
      await w.acceptOffer(),
    );
    return { w, contract: contract as Contract };
  }

  /** Sends the draft and lets the worker hand it to Signi. */
  async function sent(s: ContractsServices, w: { seller: { tenantId: string } }, contract: Contract) {
    await s.signing.requestSend(w.seller as never, contract.id, contract.version);
    await s.signing.deliver(contract.tenantId, contract.id);
    return s.contracts.get(w.seller as never, contract.id);
  }

  const tokenOf = (url: string) => new URL(url).searchParams.get('token') as string;

  it('signs a contract: the callback is settled on Signi’s answer and the signed PDF is stored', async () => {
    const s = servicesWith(signi.endpoint);
    const { w, contract } = await draft(s);

    const out = await sent(s, w, contract);
    const delivery = await signi.decide(out.signing?.externalId as string, 'completed');
    const answer = await s.signing.callback(tokenOf(delivery?.url as string), {
      contractId: String(delivery?.body.contract_id),
      state: 'completed',
    });

    expect(answer).toEqual({ contractId: contract.id, state: 'signed' });
    const signed = await s.contracts.get(w.seller, contract.id);
    expect(signed).toMatchObject({
      state: 'signed',
      signedDocument: { key: `${w.tenantId}/contracts/${contract.id}/signed.pdf` },
    });
    const download = await s.contracts.download(w.seller, contract.id);
    const pdf = Buffer.from(await (await fetch(download.url)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // Replayed, and late with another state: nothing changes.
    const replay = await s.signing.callback(tokenOf(delivery?.url as string), {
      contractId: String(delivery?.body.contract_id),
      state: 'completed',
    });
    const late = await s.signing.callback(tokenOf(delivery?.url as string), {
      contractId: String(delivery?.body.contract_id),
      state: 'expired',
    });
    expect([replay.state, late.state]).toEqual(['signed', 'signed']);
    expect((await s.contracts.get(w.seller, contract.id)).version).toBe(signed.version);
    expect((await s.contracts.history(w.seller, contract.id)).map((t) => t.to)).toEqual([
      'draft',
      'sent',
      'signed',
    ]);
  });

  it('answers a forged token, or a true token with another Signi id, with 404 and writes nothing', async () => {
    const s = servicesWith(signi.endpoint);
    const { w, contract } = await draft(s);
    const out = await sent(s, w, contract);
    const delivery = await signi.decide(out.signing?.externalId as string, 'completed');

    await Promise.all([
      expect(
        s.signing.callback('a'.repeat(43), {
          contractId: String(delivery?.body.contract_id),
          state: 'completed',
        }),
      ).rejects.toThrow(NotFoundError),
      expect(
        s.signing.callback(tokenOf(delivery?.url as string), { contractId: '999999', state: 'completed' }),
      ).rejects.toThrow(NotFoundError),
    ]);
    expect((await s.contracts.get(w.seller, contract.id)).state).toBe('sent');
  });

  it('keeps a contract a draft with the last error while Signi is down, and sends it once Signi is back', async () => {
    const down = servicesWith('http://127.0.0.1:9');
    const { w, contract } = await draft(down);
    await down.signing.requestSend(w.seller, contract.id, contract.version);

    await expect(down.signing.deliver(w.tenantId, contract.id)).rejects.toThrow(ESignatureUnavailable);
    const waiting = await down.contracts.get(w.seller, contract.id);
    expect(waiting).toMatchObject({
      state: 'draft',
      signing: { attempts: 1, lastError: expect.any(String) },
    });
    expect(waiting.signing?.externalId).toBeUndefined();

    const up = servicesWith(signi.endpoint);
    await up.signing.deliver(w.tenantId, contract.id);
    expect(await up.contracts.get(w.seller, contract.id)).toMatchObject({
      state: 'sent',
      signing: { attempts: 2, externalId: expect.any(String) },
    });
    expect((await up.contracts.get(w.seller, contract.id)).signing?.lastError).toBeUndefined();
  });

  it('refuses to send without a signing person’s e-mail, twice, or with a template it cannot fill', async () => {
    const s = servicesWith(signi.endpoint);
    const { w, contract } = await draft(s);
    const withoutEmail = {
      ...contract,
      signingPersons: contract.signingPersons.map(({ email: _e, ...p }) => p),
    };
    const store = (await import('#table/contracts/contract-store')).DynamoContractStore;
    await new store(table).annotate(contract, { ...withoutEmail, revision: 1 });
    const stored = await s.contracts.get(w.seller, contract.id);

    const noEmail = await s.signing
      .requestSend(w.seller, contract.id, stored.version)
      .catch((e: unknown) => e);
    expect(noEmail).toBeInstanceOf(UnprocessableError);
    expect((noEmail as UnprocessableError).fields).toEqual([
      { name: 'signingPersons', reason: expect.stringContaining('has no e-mail address') },
    ]);

    const other = await draft(s);
    await s.settings.amend(other.w.admin, {
      templates: [
        {
          id: 'mine',
          locale: 'sk',
          title: 'Zmluva {{contract.number}}',
          sections: [{ kind: 'text', body: 'E-mail: {{party.email}}' }],
        },
      ],
    });
    const unfilled = await s.signing
      .requestSend(other.w.seller, other.contract.id, other.contract.version)
      .catch((e: unknown) => e);
    expect(unfilled).toBeInstanceOf(UnprocessableError);
    expect((unfilled as UnprocessableError).fields).toEqual([
      { name: 'template.sections.0.body', reason: '{{party.email}} has no value for this contract' },
    ]);
    expect((await s.contracts.get(other.w.seller, other.contract.id)).document).toBeUndefined();

    const third = await draft(s);
    const requested = await s.signing.requestSend(third.w.seller, third.contract.id, third.contract.version);
    await expect(s.signing.requestSend(third.w.seller, third.contract.id, requested.version)).rejects.toThrow(
      ConflictError,
    );
  });

  it('cancels a sent contract at Signi too; a callback for it afterwards is a conflict; a signed one cannot be cancelled', async () => {
    const s = servicesWith(signi.endpoint);
    const { w, contract } = await draft(s);
    const out = await sent(s, w, contract);
    const externalId = out.signing?.externalId as string;
    const webhook = signi.contracts().find((c) => String(c.id) === externalId)?.webhooks[0]?.url as string;

    const cancelled = await s.signing.cancelSent(
      w.seller,
      contract.id,
      out.version,
      'customer changed supplier',
    );

    expect(cancelled.state).toBe('cancelled');
    expect(signi.contracts().some((c) => String(c.id) === externalId)).toBe(false);
    await expect(
      s.signing.callback(tokenOf(webhook), { contractId: externalId, state: 'completed' }),
    ).rejects.toThrow(ConflictError);
    expect((await s.contracts.get(w.seller, contract.id)).version).toBe(cancelled.version);

    const other = await draft(s);
    const otherOut = await sent(s, other.w, other.contract);
    const delivery = await signi.decide(otherOut.signing?.externalId as string, 'completed');
    await s.signing.callback(tokenOf(delivery?.url as string), {
      contractId: String(delivery?.body.contract_id),
      state: 'completed',
    });
    const signed = await s.contracts.get(other.w.seller, other.contract.id);
    await expect(s.signing.cancelSent(other.w.seller, other.contract.id, signed.version)).rejects.toThrow(
      ConflictError,
    );
    await expect(s.contracts.cancelDraft(other.w.seller, other.contract.id, signed.version)).rejects.toThrow(
      ConflictError,
    );
  });

  it('settles a contract whose callback was lost in the daily re-check', async () => {
    const s = servicesWith(signi.endpoint);
    const { w, contract } = await draft(s);
    const out = await sent(s, w, contract);
    // Signi's callback goes to a port nobody listens on: it is lost.
    await signi.decide(out.signing?.externalId as string, 'rejected');

    const early = await s.signing.recheckDue('2026-12-05');
    const due = await s.signing.recheckDue('2026-12-07');

    expect(early.moved).toBe(0);
    expect(due.moved).toBeGreaterThanOrEqual(1);
    const settled = await s.contracts.get(w.seller, contract.id);
    expect(settled.state).toBe('declined');
    expect((await s.contracts.history(w.seller, contract.id)).at(-1)?.actor).toEqual({
      kind: 'schedule',
      id: 'contract-recheck',
    });
  });
});
