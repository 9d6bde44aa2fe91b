import { ValidationError, VersionMismatchError } from '#domain/errors';
import type { Actor } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { newContractEvent } from './contract-events';
import {
  type ContractRules,
  type ContractSettings,
  contractRulesProblems,
  defaultContractSettings,
  rulesOf,
} from './contract-settings';
import type { ContractSettingsStore } from './contract-store';

export interface ContractSettingsDeps extends ServiceDeps {
  readonly store: ContractSettingsStore;
}

/** The history and events of the contract settings are those of this one subject per tenant. */
const subject = { type: 'setting', id: 'contract-settings' } as const;

/**
 * The tenant's contract rules: read by everyone who works with contracts,
 * replaced as a whole by admins. A tenant that never stored any has the
 * defaults of its country, at version 0.
 */
export class ContractSettingsService {
  constructor(private readonly deps: ContractSettingsDeps) {}

  async ofTenant(tenantId: string): Promise<ContractSettings> {
    const stored = await this.deps.store.get(tenantId);
    if (stored) return stored;
    const tenant = await this.deps.tenants.profile(tenantId);
    return defaultContractSettings(tenantId, tenant.country);
  }

  /** Changes some rules on top of the stored ones (the seed, jobs and tests; clients replace with If-Match). */
  async amend(actor: Actor, change: Partial<ContractRules>): Promise<ContractSettings> {
    const current = await this.ofTenant(actor.tenantId);
    return this.replace(actor, current.version, { ...rulesOf(current), ...change });
  }

  /** 412 when `expectedVersion` is not the stored one (0 for the defaults); 400 naming each field at fault. */
  async replace(actor: Actor, expectedVersion: number, rules: ContractRules): Promise<ContractSettings> {
    const current = await this.ofTenant(actor.tenantId);
    if (current.version !== expectedVersion)
      throw new VersionMismatchError('the contract settings', 'of this tenant');
    const invalid = contractRulesProblems(rules);
    if (invalid.length > 0) throw new ValidationError(invalid);
    const ctx = await changeContext(this.deps, actor);
    const next: ContractSettings = {
      ...rules,
      tenantId: actor.tenantId,
      version: current.version + 1,
      updatedAt: ctx.now.toISOString(),
      updatedBy: actor.userId,
    };
    const event = newContractEvent(this.deps, ctx, 'ContractSettingsChanged', {
      subject,
      data: { version: next.version },
    });
    await this.deps.store.replace(next, expectedVersion, event);
    return next;
  }
}
