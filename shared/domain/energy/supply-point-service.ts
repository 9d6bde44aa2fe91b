import type { Account } from '#domain/accounts/account';
import type { AccountStore } from '#domain/accounts/stores';
import { NotFoundError, UnprocessableError, ValidationError } from '#domain/errors';
import { canonicalJson, type DomainEvent, diffFields } from '#domain/events';
import type { GeocodeResult } from '#domain/geocoding/geocoder';
import type { Nullable } from '#domain/patch';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import { clientChange, systemWritten } from '#domain/system-writes';
import { billingCopyOf } from './billing-copy';
import { type DerivationInput, deriveParameters } from './derive-parameters';
import { newEnergyEvent } from './energy-events';
import { liveSupplyPoint } from './live-supply-point';
import type { ReferenceTables, SupplyPointStore, TerritoryAdminStore } from './stores';
import {
  type AddressVerification,
  addressFingerprint,
  createSupplyPoint,
  type DerivedParameters,
  type SupplyPoint,
  type SupplyPointDraft,
  type SupplyPointFields,
  type SupplyPointPatch,
  updateSupplyPoint,
} from './supply-point';

export interface SupplyPointDeps extends ServiceDeps {
  readonly supplyPoints: SupplyPointStore;
  readonly accounts: AccountStore;
  readonly territories: TerritoryAdminStore;
  readonly tables: ReferenceTables;
}

export class SupplyPointService {
  constructor(private readonly deps: SupplyPointDeps) {}

  private async liveAccount(tenantId: string, accountId: string): Promise<Account> {
    const account = await this.deps.accounts.get(tenantId, accountId);
    if (!account || account.deletedAt !== undefined) {
      throw new ValidationError([{ name: 'accountId', reason: 'no such account' }]);
    }
    return account;
  }

  private async assertTerritory(tenantId: string, fields: SupplyPointFields): Promise<void> {
    const territory = await this.deps.territories.get(tenantId, fields.territoryCode);
    if (!territory)
      throw new ValidationError([{ name: 'territoryCode', reason: 'no such distribution territory' }]);
    if (territory.commodity !== fields.commodity) {
      throw new ValidationError([
        {
          name: 'territoryCode',
          reason: `the territory distributes ${territory.commodity}, not ${fields.commodity}`,
        },
      ]);
    }
  }

  private async derive(tenantId: string, fields: DerivationInput) {
    const [bands, gas] = await Promise.all([
      this.deps.tables.bandTable(tenantId, fields.commodity, fields.customerType),
      fields.commodity === 'gas' ? this.deps.tables.gasConversion(tenantId) : undefined,
    ]);
    return deriveParameters(fields, { bands, gas });
  }

  async create(
    actor: Actor,
    draft: Nullable<SupplyPointDraft>,
    idempotency?: IdempotencyToken,
  ): Promise<Created<SupplyPoint>> {
    const account = await this.liveAccount(actor.tenantId, draft.accountId);
    const { supplyPoint, event } = await this.prepareCreate(
      actor,
      draft,
      account,
      await changeContext(this.deps, actor),
    );
    return this.deps.supplyPoints.create(supplyPoint, event, idempotency);
  }

  /** A new supply point of `account` checked and built with its event, not yet written (a lead conversion). */
  async prepareCreate(
    actor: Actor,
    draft: Nullable<SupplyPointDraft>,
    account: Account,
    ctx: ChangeContext,
  ): Promise<{ supplyPoint: SupplyPoint; event: DomainEvent }> {
    const created = createSupplyPoint(this.deps.ids.next(), draft, billingCopyOf(account), ctx);
    await this.assertTerritory(actor.tenantId, created);
    const { derived } = await this.derive(actor.tenantId, created);
    const supplyPoint: SupplyPoint = { ...created, derived };
    const subject = { type: 'supplyPoint' as const, id: supplyPoint.id, accountId: supplyPoint.accountId };
    const event = newEnergyEvent(this.deps, ctx, 'SupplyPointCreated', { subject, data: { supplyPoint } });
    return { supplyPoint, event };
  }

  async get(actor: Actor, supplyPointId: string): Promise<SupplyPoint> {
    return liveSupplyPoint(this.deps.supplyPoints, actor, supplyPointId);
  }

  async update(actor: Actor, supplyPointId: string, expectedVersion: number, patch: SupplyPointPatch) {
    const target = { resource: 'supply point', expectedVersion, read: () => this.get(actor, supplyPointId) };
    return clientChange(target, async (current) => {
      const ctx = await changeContext(this.deps, actor);
      const { supplyPoint: next, changes } = updateSupplyPoint(current, patch, ctx);
      if (changes.length === 0) return current;
      const accountChanged = next.accountId !== current.accountId;
      const account = accountChanged ? await this.liveAccount(actor.tenantId, next.accountId) : undefined;
      if (changes.some((c) => c.field === 'territoryCode' || c.field === 'commodity')) {
        await this.assertTerritory(actor.tenantId, next);
      }
      const { derived } = await this.derive(actor.tenantId, next);
      const supplyPoint: SupplyPoint = {
        ...next,
        derived,
        ...(account ? { billing: billingCopyOf(account) } : {}),
      };
      const subject = { type: 'supplyPoint' as const, id: supplyPointId, accountId: supplyPoint.accountId };
      const event = newEnergyEvent(this.deps, ctx, 'SupplyPointUpdated', {
        subject,
        data: { supplyPoint, addressChanged: changes.some((c) => c.field === 'address') },
        changes,
      });
      await this.deps.supplyPoints.update(current, supplyPoint, event);
      return supplyPoint;
    });
  }

  async ofAccount(actor: Actor, accountId: string, page: PageRequest): Promise<Page<SupplyPoint>> {
    const account = await this.deps.accounts.get(actor.tenantId, accountId);
    if (!account || account.deletedAt !== undefined) throw new NotFoundError('account', accountId);
    return this.deps.supplyPoints.ofAccount(actor.tenantId, accountId, page);
  }

  /**
   * Stores a geocoder's answer, unless the address changed since it was
   * asked (then the newer change's own verification decides). A verified
   * address names the municipality, which may have a gas coefficient of its
   * own: the derived parameters are computed again with it. Returns false
   * when nothing was stored.
   */
  async recordVerification(
    tenantId: string,
    supplyPointId: string,
    fingerprint: string,
    result: GeocodeResult,
  ): Promise<boolean> {
    const current = await this.deps.supplyPoints.get(tenantId, supplyPointId);
    if (!current || current.deletedAt !== undefined) return false;
    if (
      addressFingerprint(current.address) !== fingerprint ||
      current.addressVerification.status !== 'pending'
    ) {
      return false;
    }
    const ctx = await changeContext(this.deps, { tenantId, userId: 'address-verifier' });
    const at = ctx.now.toISOString();
    const verification: AddressVerification =
      result.status === 'verified'
        ? { status: 'verified', address: result.address, checkedAt: at }
        : result.status === 'ambiguous'
          ? { status: 'ambiguous', candidates: result.candidates, checkedAt: at }
          : { status: 'not-found', checkedAt: at };
    const derived =
      verification.status === 'verified'
        ? await this.derivedOrKept(tenantId, { ...current, addressVerification: verification })
        : current.derived;
    // A system write: the client's ETag stays valid (ADR 0011).
    const next = systemWritten({ ...current, addressVerification: verification, derived });
    const subject = { type: 'supplyPoint' as const, id: supplyPointId, accountId: current.accountId };
    const event = newEnergyEvent(this.deps, ctx, 'SupplyPointAddressChecked', {
      subject,
      data: { status: verification.status },
      changes: [
        { field: 'addressVerification.status', from: 'pending', to: verification.status },
        ...diffFields(current, next, ['derived']),
      ],
    });
    await this.deps.supplyPoints.update(current, next, event);
    return true;
  }

  /**
   * The parameters derived again, or the stored ones when the tenant's
   * tables changed since so that they no longer give any: a background
   * check has nobody to refuse, and the next edit of the point refuses.
   */
  private async derivedOrKept(tenantId: string, point: SupplyPoint): Promise<DerivedParameters> {
    try {
      return (await this.derive(tenantId, point)).derived;
    } catch (error) {
      if (error instanceof UnprocessableError) return point.derived;
      throw error;
    }
  }

  /**
   * Refreshes the billing copy of every supply point of an account after the
   * account changed. The account is read again (consistently) rather than
   * taken from the event, so a late or redelivered event never writes older
   * data over newer.
   */
  async syncBilling(tenantId: string, accountId: string): Promise<number> {
    const account = await this.deps.accounts.get(tenantId, accountId);
    if (!account || account.deletedAt !== undefined) return 0;
    const copy = billingCopyOf(account);
    let updated = 0;
    let cursor: string | undefined;
    do {
      const page = await this.deps.supplyPoints.ofAccount(tenantId, account.id, { limit: 100, cursor });
      for (const current of page.items) {
        if (canonicalJson(current.billing) === canonicalJson(copy)) continue;
        const ctx = await changeContext(this.deps, { tenantId, userId: 'billing-sync' });
        const next = systemWritten({ ...current, billing: copy });
        const subject = { type: 'supplyPoint' as const, id: current.id, accountId: current.accountId };
        const event = newEnergyEvent(this.deps, ctx, 'SupplyPointBillingSynced', {
          subject,
          data: { billing: copy },
        });
        await this.deps.supplyPoints.update(current, next, event);
        updated++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    return updated;
  }
}
