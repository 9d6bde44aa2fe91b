import type { CasePriority, ServiceSettings, SlaPolicy } from './service-settings';

/**
 * The support level of an account: its entitlement's when that level still
 * exists, else the first level listing one of its categories, else the
 * default.
 */
export function supportLevelFor(
  settings: Pick<ServiceSettings, 'supportLevels' | 'defaultSupportLevelId'>,
  account: { entitlementLevelId?: string; categoryIds: readonly string[] },
): string {
  const { entitlementLevelId, categoryIds } = account;
  const entitled = settings.supportLevels.find((l) => l.id === entitlementLevelId);
  if (entitled) return entitled.id;
  const byCategory = settings.supportLevels.find((l) => l.categoryIds.some((id) => categoryIds.includes(id)));
  return byCategory?.id ?? settings.defaultSupportLevelId;
}

/** The targets of a level at a priority; validated settings have one for every pair. */
export function policyFor(
  settings: Pick<ServiceSettings, 'policies'>,
  supportLevelId: string,
  priority: CasePriority,
): SlaPolicy {
  const policy = settings.policies.find(
    (p) => p.supportLevelId === supportLevelId && p.priority === priority,
  );
  if (!policy) throw new Error(`No SLA policy for support level ${supportLevelId} at priority ${priority}`);
  return policy;
}

const nextPriority: Readonly<Record<CasePriority, CasePriority>> = {
  low: 'normal',
  normal: 'high',
  high: 'urgent',
  urgent: 'urgent',
};

/** One step up, as a breach with `raisePriority` does; `urgent` stays. */
export const raisedPriority = (priority: CasePriority): CasePriority => nextPriority[priority];
