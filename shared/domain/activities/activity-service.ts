import type { AccountStore, ContactStore } from '#domain/accounts/stores';
import { assertVersion, NotFoundError, ValidationError } from '#domain/errors';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { LeadStore } from '#domain/sales/stores';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { UserLookup } from '#domain/users/user-lookup';
import {
  type Activity,
  type ActivityDraft,
  type ActivityPatch,
  type ActivitySubject,
  createActivity,
  updateActivity,
} from './activity';
import { newActivityEvent } from './activity-events';
import type { ActivityScheduler } from './scheduler';
import type { ActivityStore } from './stores';

/** Where the subjects of activities are looked up. */
export interface SubjectStores {
  readonly accounts: AccountStore;
  readonly contacts: ContactStore;
  readonly leads: Pick<LeadStore, 'get'>;
}

export interface ActivityServiceDeps extends ServiceDeps, SubjectStores {
  readonly activities: ActivityStore;
  readonly scheduler: ActivityScheduler;
  /** Without it, owners are taken as given. */
  readonly users?: UserLookup;
}

/** The live subject of the tenant and its account, or undefined when it is missing or deleted. */
export async function liveSubject(
  deps: SubjectStores,
  tenantId: string,
  subject: ActivitySubject,
): Promise<{ accountId?: string } | undefined> {
  if (subject.type === 'lead') return (await deps.leads.get(tenantId, subject.id)) ? {} : undefined;
  if (subject.type === 'account') {
    const account = await deps.accounts.get(tenantId, subject.id);
    return account && account.deletedAt === undefined ? { accountId: account.id } : undefined;
  }
  const contact = await deps.contacts.get(tenantId, subject.id);
  if (!contact || contact.deletedAt !== undefined) return undefined;
  return contact.accountId ? { accountId: contact.accountId } : {};
}

/** The subject an activity's events are about: the account or contact, with a contact's account. */
export const eventSubjectOf = (subject: ActivitySubject, accountId: string | undefined) => ({
  type: subject.type,
  id: subject.id,
  ...(subject.type === 'contact' && accountId ? { accountId } : {}),
});

/**
 * Scheduled activities on accounts and contacts (R-CS-6). Every answer
 * leaves the scheduler in step with the stored activity: a create (also a
 * replayed one) and an update (also one that changes nothing) schedule an
 * active activity again and cancel any other, so a retried request repairs
 * a scheduler call that failed after the write.
 */
export class ActivityService {
  constructor(private readonly deps: ActivityServiceDeps) {}

  private async subjectAccount(actor: Actor, subject: ActivitySubject): Promise<string | undefined> {
    const live = await liveSubject(this.deps, actor.tenantId, subject);
    if (!live) throw new NotFoundError(subject.type, subject.id);
    return live.accountId;
  }

  /** Deactivated users get no new work (only checked with the users port). */
  private async assertOwner(tenantId: string, ownerId: string): Promise<void> {
    if (!this.deps.users) return;
    const user = await this.deps.users.user(tenantId, ownerId);
    if (!user) throw new ValidationError([{ name: 'ownerId', reason: 'no such user' }]);
    if (!user.active) {
      throw new ValidationError([{ name: 'ownerId', reason: 'deactivated users get no new work' }]);
    }
  }

  private sync(activity: Activity): Promise<void> {
    return activity.state === 'active'
      ? this.deps.scheduler.schedule(activity)
      : this.deps.scheduler.cancel(activity.tenantId, activity.id);
  }

  async create(
    actor: Actor,
    subject: ActivitySubject,
    draft: ActivityDraft,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Activity>> {
    const accountId = await this.subjectAccount(actor, subject);
    const ctx = await changeContext(this.deps, actor);
    const activity = createActivity(this.deps.ids.next(), subject, draft, ctx);
    await this.assertOwner(actor.tenantId, activity.ownerId);
    const event = newActivityEvent(this.deps, ctx, 'ActivityScheduled', {
      subject: eventSubjectOf(subject, accountId),
      data: { activity },
    });
    const created = await this.deps.activities.create(activity, event, idempotency);
    await this.sync(created.value);
    return created;
  }

  async get(actor: Actor, activityId: string): Promise<Activity> {
    const activity = await this.deps.activities.get(actor.tenantId, activityId);
    if (!activity) throw new NotFoundError('activity', activityId);
    return activity;
  }

  /** The activities of an account or contact, newest first; a deleted subject answers 404. */
  async ofSubject(actor: Actor, subject: ActivitySubject, page: PageRequest): Promise<Page<Activity>> {
    await this.subjectAccount(actor, subject);
    return this.deps.activities.ofSubject(actor.tenantId, subject, page);
  }

  /** Pause, resume, cancel, or change the title, owner or schedule. */
  async update(
    actor: Actor,
    activityId: string,
    expectedVersion: number | undefined,
    patch: ActivityPatch,
  ): Promise<Activity> {
    const current = await this.get(actor, activityId);
    assertVersion('activity', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const { activity, changes } = updateActivity(current, patch, ctx);
    if (changes.length > 0) {
      if (activity.ownerId !== current.ownerId) await this.assertOwner(actor.tenantId, activity.ownerId);
      const live = await liveSubject(this.deps, actor.tenantId, current.subject);
      const event = newActivityEvent(this.deps, ctx, 'ActivityUpdated', {
        subject: eventSubjectOf(current.subject, live?.accountId),
        data: { activity },
        changes,
      });
      await this.deps.activities.update(current, activity, event);
    }
    await this.sync(activity);
    return activity;
  }

  /**
   * Registers every active activity of the tenants with the scheduler again.
   * The local scheduler keeps its schedules in memory, so the local runtime
   * calls this on start. Returns how many were scheduled.
   */
  async rescheduleAll(tenantIds: readonly string[]): Promise<number> {
    let count = 0;
    for (const tenantId of tenantIds) {
      let cursor: string | undefined;
      do {
        const page = await this.deps.activities.active(tenantId, { limit: 100, cursor });
        for (const activity of page.items) {
          await this.deps.scheduler.schedule(activity);
          count++;
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    return count;
  }
}
