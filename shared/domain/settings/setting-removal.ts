import type { Actor } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { softDeleted } from '#domain/stamps';
import type { Setting } from './setting';
import { newSettingsEvent } from './settings-events';
import type { SettingRemovalStore } from './stores';
import { settingsSubject } from './subjects';

/**
 * The soft delete of a setting, where the settings API's delete and the
 * move-customers job's removal of the industry it emptied both end. A
 * service of its own, so that the job carries none of the settings' other
 * rules and writes.
 */
export class SettingRemoval {
  constructor(private readonly deps: ServiceDeps & { readonly settings: SettingRemovalStore }) {}

  /** Soft-deletes `current` with its `SettingDeleted` event; `jobId` names the job that may delete despite its own lock. */
  async remove(actor: Actor, current: Setting, jobId?: string): Promise<void> {
    const ctx = await changeContext(this.deps, actor);
    const event = newSettingsEvent(this.deps, ctx, 'SettingDeleted', {
      subject: settingsSubject('setting', current.id),
      data: { kind: current.kind, settingId: current.id },
    });
    await this.deps.settings.remove(current, softDeleted(current, ctx), event, jobId);
  }

  /**
   * Deletes an industry a move-customers job has emptied, despite the job's
   * own lock. Already deleted: nothing to do (a redelivered finish).
   */
  async removeAfterMove(actor: Actor, industryId: string, jobId: string): Promise<void> {
    const current = await this.deps.settings.get(actor.tenantId, industryId);
    if (current?.kind !== 'industry' || current.deletedAt !== undefined) return;
    await this.remove(actor, current, jobId);
  }
}
