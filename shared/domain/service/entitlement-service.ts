import { NotFoundError, UnprocessableError } from '#domain/errors';
import type { Actor } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { createdStamps } from '#domain/stamps';
import { newCaseEvent } from './case-events';
import type { EntitlementStore, StoredServiceSettings } from './case-store';
import type { Entitlement } from './entitlement';

export interface EntitlementDeps extends ServiceDeps {
  readonly entitlements: EntitlementStore;
  readonly settings: { ofTenant(tenantId: string): Promise<StoredServiceSettings> };
  readonly accounts: { exists(tenantId: string, accountId: string): Promise<boolean> };
  readonly contracts: { accountOf(tenantId: string, contractId: string): Promise<string | undefined> };
}

export interface EntitlementDraft {
  readonly supportLevelId: string;
  readonly contractId?: string;
  readonly validFrom: string;
  readonly validTo?: string;
}

/** Support levels bought by accounts, alone or with a contract (R-CS-3); admins add and remove them. */
export class EntitlementService {
  constructor(private readonly deps: EntitlementDeps) {}

  async ofAccount(actor: Actor, accountId: string): Promise<Entitlement[]> {
    if (!(await this.deps.accounts.exists(actor.tenantId, accountId)))
      throw new NotFoundError('account', accountId);
    return (await this.deps.entitlements.ofAccount(actor.tenantId, accountId)).filter(
      (e) => e.deletedAt === undefined,
    );
  }

  async add(actor: Actor, accountId: string, draft: EntitlementDraft): Promise<Entitlement> {
    if (!(await this.deps.accounts.exists(actor.tenantId, accountId)))
      throw new NotFoundError('account', accountId);
    const settings = await this.deps.settings.ofTenant(actor.tenantId);
    const invalid = [];
    if (!settings.supportLevels.some((l) => l.id === draft.supportLevelId))
      invalid.push({ name: 'supportLevelId', reason: 'not a support level of the service settings' });
    if (draft.validTo !== undefined && draft.validTo < draft.validFrom)
      invalid.push({ name: 'validTo', reason: 'must not be before validFrom' });
    if (
      draft.contractId &&
      (await this.deps.contracts.accountOf(actor.tenantId, draft.contractId)) !== accountId
    )
      invalid.push({ name: 'contractId', reason: 'no contract of this account' });
    if (invalid.length > 0) throw new UnprocessableError('the entitlement cannot be added so', invalid);
    const ctx = await changeContext(this.deps, actor);
    const entitlement: Entitlement = { ...createdStamps(this.deps.ids.next(), ctx), accountId, ...draft };
    const event = newCaseEvent(this.deps, ctx, 'EntitlementAdded', {
      subject: { type: 'account', id: accountId, accountId },
      data: { entitlement },
    });
    await this.deps.entitlements.add(entitlement, event);
    return entitlement;
  }

  async remove(actor: Actor, accountId: string, entitlementId: string): Promise<void> {
    const current = await this.deps.entitlements.get(actor.tenantId, accountId, entitlementId);
    if (!current || current.deletedAt !== undefined) throw new NotFoundError('entitlement', entitlementId);
    const ctx = await changeContext(this.deps, actor);
    const removed: Entitlement = {
      ...current,
      deletedAt: ctx.now.toISOString(),
      updatedAt: ctx.now.toISOString(),
      updatedBy: actor.userId,
      version: current.version + 1,
    };
    const event = newCaseEvent(this.deps, ctx, 'EntitlementRemoved', {
      subject: { type: 'account', id: accountId, accountId },
      data: { entitlement: removed },
    });
    await this.deps.entitlements.remove(current, removed, event);
  }
}
