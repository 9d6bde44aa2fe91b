import { type InvalidField, ValidationError, VersionMismatchError } from '#domain/errors';
import { normaliseEmail } from '#domain/identifiers/email';
import type { Actor } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { validateCalendar } from './business-calendar';
import { newCaseEvent } from './case-events';
import type { ServiceSettingsStore, StoredServiceSettings } from './case-store';
import { defaultServiceSettings } from './default-service-settings';
import type { ServiceSettings } from './service-settings';
import { validateServiceSettings } from './service-settings-validation';

/** What the settings are checked against: the tenant's user groups with their members, and its categories. */
export interface ServiceReferences {
  groups(tenantId: string): Promise<readonly { readonly id: string; readonly members: readonly string[] }[]>;
  categoryIds(tenantId: string): Promise<ReadonlySet<string>>;
}

export interface ServiceSettingsDeps extends ServiceDeps {
  readonly store: ServiceSettingsStore;
  readonly references: ServiceReferences;
}

const subject = { type: 'setting', id: 'service-settings' } as const;
const formKeyPattern = /^[A-Za-z0-9_-]{16,64}$/;

/** The channels' parts of the settings: the mailbox address, form keys and pages, each unique. */
function channelProblems(settings: ServiceSettings): InvalidField[] {
  const invalid: InvalidField[] = [];
  if (settings.mailbox) {
    const address = normaliseEmail(settings.mailbox.address);
    if (!address.ok) invalid.push({ name: 'mailbox.address', reason: address.reason });
  }
  settings.webFormKeys.forEach((key, i) => {
    if (!formKeyPattern.test(key))
      invalid.push({
        name: `webFormKeys.${i}`,
        reason: 'use 16–64 letters, digits, - or _ (it is public, but not guessable)',
      });
    if (settings.webFormKeys.indexOf(key) !== i)
      invalid.push({ name: `webFormKeys.${i}`, reason: 'given twice' });
  });
  settings.socialPages.forEach((page, i) => {
    if (settings.socialPages.findIndex((p) => p.platform === page.platform && p.pageId === page.pageId) !== i)
      invalid.push({ name: `socialPages.${i}`, reason: 'given twice' });
  });
  return invalid;
}

/** The settings as a client replaces them: the work order types may be left out. */
export type ServiceSettingsInput = Omit<ServiceSettings, 'workOrderTypes'> & {
  readonly workOrderTypes?: ServiceSettings['workOrderTypes'];
};

/**
 * The tenant's customer-service set-up: read by everyone who works with
 * cases, replaced as a whole by admins (If-Match). A tenant that never
 * stored any has its country's defaults, at version 0.
 */
export class ServiceSettingsService {
  constructor(private readonly deps: ServiceSettingsDeps) {}

  async ofTenant(tenantId: string): Promise<StoredServiceSettings> {
    const stored = await this.deps.store.get(tenantId);
    if (stored?.workOrderTypes) return stored;
    const tenant = await this.deps.tenants.profile(tenantId);
    const defaults = defaultServiceSettings(tenant.country === 'SK' ? 'SK' : 'SE');
    if (stored) return { ...stored, workOrderTypes: defaults.workOrderTypes };
    return { ...defaults, tenantId, version: 0 };
  }

  /**
   * 412 when `expectedVersion` is not the stored one; 400 naming each field
   * at fault, cross-references included (a policy's calendar, a rule's team,
   * a lead who is no member). A mailbox, form key or page another tenant
   * uses is a 409.
   */
  async replace(
    actor: Actor,
    expectedVersion: number,
    sent: ServiceSettingsInput,
  ): Promise<StoredServiceSettings> {
    const current = await this.deps.store.get(actor.tenantId);
    // A client that does not know the work order types keeps them.
    const settings: ServiceSettings = {
      ...sent,
      workOrderTypes: sent.workOrderTypes ?? (await this.ofTenant(actor.tenantId)).workOrderTypes,
    };
    if ((current?.version ?? 0) !== expectedVersion)
      throw new VersionMismatchError('the service settings', 'of this tenant');
    const [groups, categoryIds] = await Promise.all([
      this.deps.references.groups(actor.tenantId),
      this.deps.references.categoryIds(actor.tenantId),
    ]);
    const invalid = [
      ...validateServiceSettings(
        settings,
        {
          groupIds: new Set(groups.map((g) => g.id)),
          categoryIds,
          groupMembers: new Map(groups.map((g) => [g.id, g.members])),
        },
        validateCalendar,
      ),
      ...channelProblems(settings),
    ];
    if (invalid.length > 0) throw new ValidationError(invalid);
    const ctx = await changeContext(this.deps, actor);
    const mailbox = settings.mailbox
      ? { ...settings.mailbox, address: settings.mailbox.address.trim().toLowerCase() }
      : undefined;
    const next: StoredServiceSettings = {
      ...settings,
      ...(mailbox ? { mailbox } : {}),
      tenantId: actor.tenantId,
      version: expectedVersion + 1,
      updatedAt: ctx.now.toISOString(),
      updatedBy: actor.userId,
    };
    const event = newCaseEvent(this.deps, ctx, 'ServiceSettingsChanged', {
      subject,
      data: { version: next.version },
    });
    await this.deps.store.replace(next, current, event);
    return next;
  }
}
