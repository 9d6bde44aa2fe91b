import type { TenantProfile } from './tenant';

/** Who changes something, for which tenant, and when. */
export interface ChangeContext {
  readonly tenant: TenantProfile;
  readonly userId: string;
  readonly now: Date;
}

/** What every stored entity carries: identity, authorship and its version. */
export interface Stamps {
  readonly id: string;
  readonly tenantId: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly version: number;
  readonly deletedAt?: string;
}

export function createdStamps(id: string, ctx: ChangeContext): Stamps {
  const at = ctx.now.toISOString();
  return {
    id,
    tenantId: ctx.tenant.id,
    createdAt: at,
    createdBy: ctx.userId,
    updatedAt: at,
    updatedBy: ctx.userId,
    version: 1,
  };
}

/** The next version of `current`, changed by the context's user now. */
export function touched<T extends Stamps>(current: T, ctx: ChangeContext): T {
  return {
    ...current,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.userId,
    version: current.version + 1,
  };
}

export function softDeleted<T extends Stamps>(current: T, ctx: ChangeContext): T {
  return { ...touched(current, ctx), deletedAt: ctx.now.toISOString() };
}
