import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRenderer } from '#domain/contracts/contract-document';
import { ContractFiles } from '#domain/contracts/contract-files';
import { ContractIntake } from '#domain/contracts/contract-intake';
import { ContractService } from '#domain/contracts/contract-service';
import { ContractSettingsService } from '#domain/contracts/contract-settings-service';
import { ConflictError, NotFoundError, type UnprocessableError } from '#domain/errors';
import type { ObjectStore } from '#domain/storage/object-store';
import { serviceDeps } from '#runtime/service-deps';
import { DynamoContractSettingsStore } from '#table/contracts/contract-settings-store';
import { DynamoContractSources } from '#table/contracts/contract-sources';
import { DynamoContractStore } from '#table/contracts/contract-store';
import { outboxEventEntity } from '#table/core/entities';
import type { Table } from '#table/core/table';
import { contractWorld } from '../../support/contract-world';
import { freshTable } from '../../support/local-table';

/** The reads under test never touch files. */
const unusedObjects = {} as ObjectStore;
const unusedRenderer = {} as DocumentRenderer;

describe('contracts from accepted offers', () => {
  let table: Table;
  const now = new Date('2026-12-04T09:00:00.000Z');
  const clock = { now: () => now };
  /** Every item written by a transaction, for the events and the count of writes. */
  const written: Record<string, unknown>[] = [];

  beforeAll(async () => {
    table = await freshTable((command, input) => {
      if (command !== 'TransactWriteItemsCommand') return;
      const items = (input.TransactItems ?? []) as { Put?: { Item?: Record<string, unknown> } }[];
      written.push(...items.flatMap((i) => (i.Put?.Item ? [i.Put.Item] : [])));
    });
  });

  /** The contracts services over the world's sales module (its deals and offer pricing). */
  function servicesOf(w: Awaited<ReturnType<typeof contractWorld>>) {
    const deps = serviceDeps(table, { clock });
    const contracts = new DynamoContractStore(table);
    const settings = new ContractSettingsService({ ...deps, store: new DynamoContractSettingsStore(table) });
    return {
      contracts,
      intake: new ContractIntake({
        ...deps,
        contracts,
        sources: new DynamoContractSources(table),
        settings,
        deals: w.sales.deals,
        pricing: w.sales.offers,
      }),
      service: new ContractService({
        ...deps,
        contracts,
        settings,
        sources: new DynamoContractSources(table),
        files: new ContractFiles(unusedObjects, unusedRenderer),
      }),
    };
  }

  it('make one draft per accepted offer version, pre-filled from the account, deal and offer', async () => {
    const w = await contractWorld(table, clock);
    const { intake, service } = servicesOf(w);
    const accepted = await w.acceptOffer();

    const made = await intake.fromAcceptedOffer({ tenantId: w.tenantId, userId: w.seller.userId }, accepted);

    expect(made).toMatchObject({
      number: '2026-000001',
      state: 'draft',
      accountId: w.accountId,
      party: {
        name: 'Základná škola Hviezdoslavova',
        orgNumber: '00318655',
        customerType: 'B2B',
        country: 'SK',
      },
      signingPersons: [{ contactId: w.signerContactId, firstName: 'Mária', lastName: 'Kováčová' }],
      deal: {
        dealId: w.dealId,
        ownerId: w.seller.userId,
        participants: [
          { userId: w.seller.userId, shareBasisPoints: 7_000 },
          { userId: w.partner.userId, shareBasisPoints: 3_000 },
        ],
      },
      offer: { offerId: accepted.offerId, versionNumber: 1 },
      currency: 'EUR',
      // Slovakia: the first day of a month at least 21 days after 4 December.
      requestedStartDate: '2027-01-01',
      communication: 'electronic',
      locale: 'sk',
      term: { kind: 'fixed', months: 24 },
    });
    expect(
      made?.lines.map((l) => [
        l.identifier,
        l.bandCode,
        l.unitPricePerMwhMinor,
        l.monthlyFeeMinor,
        l.productCode,
      ]),
    ).toEqual(w.identifiers.map((id) => [id, 'C2', 14_990, 1_250, 'FIX-24']));
    expect(made?.offeredAnnualCost).toBe(accepted.version.totals.offeredAnnualCost);
    const history = await service.history(w.seller, made?.id as string);
    expect(history).toEqual([
      expect.objectContaining({
        version: 1,
        from: null,
        to: 'draft',
        actor: { kind: 'user', id: w.seller.userId },
      }),
    ]);
    const created = written.filter(
      (i) =>
        i.entity === outboxEventEntity.stored && (i.event as { type: string }).type === 'ContractCreated',
    );
    expect(
      created.map((i) => (i.event as { data: { contract: { id: string } } }).data.contract.id),
    ).toContain(made?.id);
  });

  it('make nothing more when OfferAccepted comes again, or twice at once', async () => {
    const w = await contractWorld(table, clock);
    const { intake, contracts } = servicesOf(w);
    const accepted = await w.acceptOffer();
    const by = { tenantId: w.tenantId, userId: w.seller.userId };

    const [first, second] = await Promise.all([
      intake.fromAcceptedOffer(by, accepted),
      intake.fromAcceptedOffer(by, accepted),
    ]);
    const third = await intake.fromAcceptedOffer(by, accepted);

    const made = [first, second, third].filter((c) => c !== undefined);
    expect(made).toHaveLength(1);
    const all = await contracts.list(w.tenantId, {}, { limit: 10 });
    expect(all.items.map((c) => c.id)).toEqual([made[0]?.id]);
  });

  it('number contracts made at once without gaps or repeats', async () => {
    const w = await contractWorld(table, clock);
    const { intake } = servicesOf(w);
    const makers = Array.from({ length: 8 }, () =>
      intake.fromDeal(w.seller, w.dealId, { productId: w.productId }),
    );

    const made = await Promise.all(makers);

    expect(made.map((c) => c.value.number).sort()).toEqual(
      Array.from({ length: 8 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`),
    );
  });

  it('show a contract to the deal’s members, admins and viewers only', async () => {
    const w = await contractWorld(table, clock);
    const { intake, service } = servicesOf(w);
    const { value } = await intake.fromDeal(w.seller, w.dealId, { productId: w.productId });

    await expect(service.get(w.partner, value.id)).resolves.toMatchObject({ id: value.id });
    await expect(service.get(w.admin, value.id)).resolves.toMatchObject({ id: value.id });
    await expect(service.get(w.outsider, value.id)).rejects.toThrow(NotFoundError);
    const [listed, listedForOutsider] = await Promise.all([
      service.list(w.partner, undefined, { limit: 10 }),
      service.list(w.outsider, undefined, { limit: 10 }),
    ]);
    expect(listed.items.map((c) => c.id)).toEqual([value.id]);
    expect(listedForOutsider.items).toEqual([]);
  });

  it('refuse a contract by hand on a deal the caller does not take part in', async () => {
    const w = await contractWorld(table, clock);
    const { intake, contracts } = servicesOf(w);

    await expect(intake.fromDeal(w.outsider, w.dealId, { productId: w.productId })).rejects.toThrow(
      NotFoundError,
    );
    expect((await contracts.list(w.tenantId, {}, { limit: 10 })).items).toEqual([]);
  });

  it('change a draft within the market’s rules, naming what cannot be, and only a draft', async () => {
    const w = await contractWorld(table, clock);
    const { intake, service } = servicesOf(w);
    const { value } = await intake.fromDeal(w.seller, w.dealId, { productId: w.productId });

    const [tooEarly, stranger] = await Promise.all([
      service
        .updateDraft(w.seller, value.id, value.version, { requestedStartDate: '2026-12-20' })
        .catch((e: unknown) => e),
      service
        .updateDraft(w.seller, value.id, value.version, { signingContactIds: [w.dealId] })
        .catch((e: unknown) => e),
    ]);
    const changed = await service.updateDraft(w.seller, value.id, value.version, {
      requestedStartDate: '2027-03-01',
      communication: 'paper',
    });

    expect((tooEarly as UnprocessableError).fields).toEqual([
      { name: 'requestedStartDate', reason: 'the market allows 2027-01-01 at the earliest' },
    ]);
    expect((stranger as UnprocessableError).fields).toEqual([
      { name: 'signingContactIds.0', reason: 'no contact of the contract’s account' },
    ]);
    expect(changed).toMatchObject({ version: 2, requestedStartDate: '2027-03-01', communication: 'paper' });
    await expect(
      service.updateDraft(w.outsider, value.id, 2, { communication: 'electronic' }),
    ).rejects.toThrow(NotFoundError);
    const cancelled = await service.cancelDraft(w.seller, value.id, 2);
    await expect(
      service.updateDraft(w.seller, value.id, cancelled.version, { communication: 'electronic' }),
    ).rejects.toThrow(ConflictError);
  });
});
