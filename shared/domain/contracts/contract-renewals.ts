import type { ActivityService } from '#domain/activities/activity-service';
import { VersionMismatchError } from '#domain/errors';
import type { DealService } from '#domain/sales/deals/deal-service';
import type { SalesSettingsReader } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { Contract } from './contract';
import { newContractEvent } from './contract-events';
import { commitMove, contractSubject } from './contract-moves';
import type { ContractStore, DueEntry } from './contract-store';

export interface ContractRenewalDeps extends ServiceDeps {
  readonly contracts: ContractStore;
  readonly deals: Pick<DealService, 'create'>;
  readonly activities: Pick<ActivityService, 'create'>;
  readonly settings: Pick<SalesSettingsReader, 'list'>;
}

/** How long the renewal deal's create is remembered: a retried job within it makes no second deal. */
const rememberSeconds = 30 * 24 * 3600;
const scheduleActor = { kind: 'schedule', id: 'contract-renewals' } as const;

/**
 * Renewals and ends of fixed-term contracts, from the daily lists. A
 * contract nearing its end gets a renewal deal for its owner (same account,
 * supply points and participants, in the tenant's first open stage) and a
 * task telling the owner, once: the deal's create is idempotent on the
 * contract, and the contract then records it. A contract past its last day
 * ends.
 */
export class ContractRenewals {
  constructor(private readonly deps: ContractRenewalDeps) {}

  async renewDue(day: string, pageSize = 100): Promise<{ renewed: number }> {
    let renewed = 0;
    await this.eachDue('RENEWAL', day, pageSize, async (entry, contract) => {
      if (contract?.state === 'active' && contract.term.kind === 'fixed' && !contract.renewalDealId) {
        await this.renew(contract);
        renewed += 1;
      }
      await this.deps.contracts.removeDue(entry);
    });
    return { renewed };
  }

  async endDue(day: string, pageSize = 100): Promise<{ ended: number }> {
    let ended = 0;
    await this.eachDue('END', day, pageSize, async (entry, contract) => {
      const last = contract?.term.kind === 'fixed' ? contract.term.endDate : undefined;
      if (contract?.state === 'active' && last !== undefined && last < day) {
        const ctx = await changeContext(this.deps, { tenantId: contract.tenantId, userId: scheduleActor.id });
        await commitMove(this.deps, ctx, contract, 'ended', scheduleActor, {
          changes: { endDate: last },
          reason: 'the fixed term ended',
        });
        ended += 1;
      }
      await this.deps.contracts.removeDue(entry);
    });
    return { ended };
  }

  /** Every entry due by `day`; each leaves the list when handled, so the list is read until it is empty. */
  private async eachDue(
    kind: DueEntry['kind'],
    day: string,
    pageSize: number,
    handle: (entry: DueEntry, contract: Contract | undefined) => Promise<void>,
  ): Promise<void> {
    for (;;) {
      const due = await this.deps.contracts.dueBy(kind, day, pageSize);
      for (const entry of due)
        await handle(entry, await this.deps.contracts.get(entry.tenantId, entry.contractId));
      if (due.length < pageSize) return;
    }
  }

  private async renew(contract: Contract): Promise<void> {
    const owner = { tenantId: contract.tenantId, userId: contract.deal.ownerId, roles: ['sales'] };
    const stages = await this.deps.settings.list(contract.tenantId, 'deal-stage', {}, { limit: 100 });
    const open = stages.items.find((s) => 'status' in s && s.status === 'open');
    if (!open) throw new Error(`tenant ${contract.tenantId} has no open deal stage for renewals`);
    const endDate =
      contract.term.kind === 'fixed' ? (contract.term.endDate ?? contract.requestedStartDate) : '';
    const key = `renewal:${contract.id}`;
    const { value: deal } = await this.deps.deals.create(
      owner,
      {
        title: `Renewal of contract ${contract.number}`,
        accountId: contract.accountId,
        ownerId: contract.deal.ownerId,
        participants: contract.deal.participants,
        commodity: contract.lines[0]?.commodity,
        supplyPointIds: contract.lines.map((l) => l.supplyPointId),
        stageId: open.id,
        valueMinor: contract.offeredAnnualCost,
        expectedCloseDate: endDate,
      },
      { operationId: 'contractRenewalDeal', key, requestHash: key, retentionSeconds: rememberSeconds },
    );
    const ctx = await changeContext(this.deps, owner);
    await this.deps.activities.create(
      owner,
      { type: 'account', id: contract.accountId },
      {
        title: `Renew contract ${contract.number}: it ends on ${endDate}`,
        ownerId: contract.deal.ownerId,
        // Due in a minute (a schedule must lie ahead): the owner's task appears almost at once.
        schedule: { kind: 'once', at: new Date(ctx.now.getTime() + 60_000).toISOString() },
      },
      { operationId: 'contractRenewalTask', key, requestHash: key, retentionSeconds: rememberSeconds },
    );
    const next: Contract = { ...contract, renewalDealId: deal.id, revision: (contract.revision ?? 0) + 1 };
    const event = newContractEvent(this.deps, ctx, 'ContractRenewalStarted', {
      subject: contractSubject(next),
      data: { contract: next, renewalDealId: deal.id },
    });
    try {
      await this.deps.contracts.annotate(contract, next, event);
    } catch (error) {
      // Another run renewed it meanwhile: its deal is this one (the same idempotent create).
      if (!(error instanceof VersionMismatchError)) throw error;
    }
  }
}
