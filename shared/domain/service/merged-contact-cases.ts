import type { Contact } from '#domain/accounts/contact';
import type { MergedContactReferences } from '#domain/accounts/contact-merge-follow-up';
import { VersionMismatchError } from '#domain/errors';
import type { IdGenerator } from '#domain/ports';
import { type ChangeContext, touched } from '#domain/stamps';
import { newCaseEvent } from './case-events';
import type { CaseStore } from './case-store';

/** Tries of one case that an edit keeps changing under the follow-up. */
const attempts = 3;

/**
 * The open cases of a merged contact, made the survivor's (ADR 0032): found
 * in the loser's open-case marker, each an ordinary versioned `CaseUpdated`
 * of `contactId`, whose write moves the case's place from the loser's
 * marker to the survivor's. A case that no longer names the loser is left,
 * so a redelivery or a concurrent run changes each case once. Closed cases
 * are in no index by contact and keep naming the loser.
 */
export class MergedContactCases implements MergedContactReferences {
  constructor(private readonly deps: { readonly cases: CaseStore; readonly ids: IdGenerator }) {}

  async repoint(ctx: ChangeContext, loser: Contact, survivorId: string): Promise<void> {
    for (const caseId of await this.deps.cases.openOfContact(loser.tenantId, loser.id)) {
      await this.repointCase(ctx, caseId, loser.id, survivorId);
    }
  }

  private async repointCase(ctx: ChangeContext, caseId: string, loserId: string, survivorId: string) {
    for (let attempt = 1; ; attempt++) {
      const current = await this.deps.cases.get(ctx.tenant.id, caseId);
      if (current?.contactId !== loserId) return;
      const next = { ...touched(current, ctx), contactId: survivorId };
      const event = newCaseEvent(this.deps, ctx, 'CaseUpdated', {
        subject: { type: 'case', id: next.id, ...(next.accountId ? { accountId: next.accountId } : {}) },
        data: { case: next },
        changes: [{ field: 'contactId', from: loserId, to: survivorId }],
      });
      try {
        await this.deps.cases.change(current, { case: next, event });
        return;
      } catch (error) {
        // Changed since it was read (an agent's edit, a concurrent run): read it again.
        if (!(error instanceof VersionMismatchError) || attempt >= attempts) throw error;
      }
    }
  }
}
