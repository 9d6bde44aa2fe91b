import { ValidationError } from '#domain/errors';
import { mapLimit } from '#domain/map-limit';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import type { Commission, Instalment, InstalmentStatus } from './commission';
import { assertCommissionAdmin, type CommissionService } from './commission-service';
import type { CommissionStore } from './commission-stores';
import { approve, pay } from './instalment-moves';

export interface CommissionPayoutsDeps extends ServiceDeps {
  readonly commissions: CommissionStore;
  readonly service: Pick<CommissionService, 'apply'>;
}

/** What one call of a month's bulk approval or payment did; call again with `nextCursor` for the rest. */
export interface MonthRun {
  readonly month: string;
  readonly commissions: number;
  readonly instalments: number;
  readonly amountMinor: number;
  /** Of `amountMinor`, what settled clawed-back debt instead of being paid out (payments only). */
  readonly recoveredMinor: number;
  readonly nextCursor?: string;
}

/** One approved instalment of a month, for payroll. */
export interface PayoutLine {
  readonly commission: Commission;
  readonly instalment: Instalment;
}

/** Commissions read per call: a call stays well inside the API's 30 seconds. */
export const commissionsPerRun = 100;
const concurrency = 4;

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

function assertMonth(month: string): void {
  if (!monthPattern.test(month)) throw new ValidationError([{ name: 'month', reason: 'use YYYY-MM' }]);
}

const inMonth = (month: string, status: InstalmentStatus) => (i: Instalment) =>
  i.status === status && i.dueDate.startsWith(`${month}-`);

/**
 * A month's payouts in bulk (R-CM-3): admins approve every due instalment
 * of the month, then mark every approved one paid with the payment's
 * reference, and export the approved ones for payroll. Held instalments
 * are left out until released.
 */
export class CommissionPayouts {
  constructor(private readonly deps: CommissionPayoutsDeps) {}

  approveMonth(actor: SalesActor, month: string, cursor?: string): Promise<MonthRun> {
    return this.run(actor, month, cursor, 'due', 'approved', (ids) => (c, change) => approve(c, ids, change));
  }

  payMonth(actor: SalesActor, month: string, reference: string, cursor?: string): Promise<MonthRun> {
    return this.run(
      actor,
      month,
      cursor,
      'approved',
      'paid',
      (ids) => (c, change, debts) => pay(c, ids, reference, debts, change),
    );
  }

  /** Every approved instalment due in the month, by participant then contract. */
  async approvedLines(actor: SalesActor, month: string): Promise<PayoutLine[]> {
    assertCommissionAdmin(actor);
    assertMonth(month);
    const lines: PayoutLine[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.commissions.ofMonth(actor.tenantId, month, {
        limit: commissionsPerRun,
        cursor,
      });
      const found = await mapLimit(page.items, concurrency, (id) =>
        this.deps.commissions.get(actor.tenantId, id),
      );
      for (const commission of found) {
        for (const instalment of commission?.instalments.filter(inMonth(month, 'approved')) ?? []) {
          lines.push({ commission: commission as Commission, instalment });
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    return lines.sort(
      (a, b) =>
        a.instalment.userId.localeCompare(b.instalment.userId) ||
        a.commission.contractNumber.localeCompare(b.commission.contractNumber) ||
        a.instalment.id.localeCompare(b.instalment.id),
    );
  }

  private async run(
    actor: SalesActor,
    month: string,
    cursor: string | undefined,
    from: InstalmentStatus,
    kind: 'approved' | 'paid',
    moveOf: (ids: readonly string[]) => Parameters<CommissionService['apply']>[3],
  ): Promise<MonthRun> {
    assertCommissionAdmin(actor);
    assertMonth(month);
    const ctx: ChangeContext = await changeContext(this.deps, actor);
    const page = await this.deps.commissions.ofMonth(actor.tenantId, month, {
      limit: commissionsPerRun,
      cursor,
    });
    const changed = await mapLimit(page.items, concurrency, async (id) => {
      const current = await this.deps.commissions.get(actor.tenantId, id);
      const ids = current?.instalments.filter(inMonth(month, from)).map((i) => i.id) ?? [];
      if (!current || ids.length === 0) return undefined;
      const next = await this.deps.service.apply(ctx, current, kind, moveOf(ids));
      return next?.instalments.filter((i) => ids.includes(i.id) && i.status === kind);
    });
    const instalments = changed.flatMap((c) => c ?? []);
    return {
      month,
      commissions: changed.filter((c) => c && c.length > 0).length,
      instalments: instalments.length,
      amountMinor: instalments.reduce((a, i) => a + i.amountMinor, 0),
      recoveredMinor: instalments.reduce((a, i) => a + (i.recoveredMinor ?? 0), 0),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}
