import { mapLimit, mapLimitSettled } from '#domain/map-limit';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import type { Commission, Instalment, InstalmentStatus } from './commission';
import { assertCommissionAdmin, type CommissionService, type Move } from './commission-service';
import type { CommissionStore } from './commission-stores';
import { approve, pay } from './instalment-moves';
import { assertMonths } from './months';

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
  /** Commissions of the page this call could not change, and why; the same call again retries them. */
  readonly failed: readonly { readonly commissionId: string; readonly reason: string }[];
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

  /** Every approved or paid instalment due in the month, by participant then contract. */
  async payoutLines(actor: SalesActor, month: string): Promise<PayoutLine[]> {
    assertCommissionAdmin(actor);
    assertMonths({ month });
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
        if (!commission) continue;
        const payable = commission.instalments.filter(
          (i) => inMonth(month, 'approved')(i) || inMonth(month, 'paid')(i),
        );
        for (const instalment of payable) lines.push({ commission, instalment });
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
    moveOf: (ids: readonly string[]) => Move,
  ): Promise<MonthRun> {
    assertCommissionAdmin(actor);
    assertMonths({ month });
    const ctx: ChangeContext = await changeContext(this.deps, actor);
    const page = await this.deps.commissions.ofMonth(actor.tenantId, month, {
      limit: commissionsPerRun,
      cursor,
    });
    // Each try picks the month's lines anew: a line held or cancelled meanwhile is left alone.
    const move: Move = (c, change, debts, today) => {
      const ids = c.instalments.filter(inMonth(month, from)).map((i) => i.id);
      return ids.length > 0 ? moveOf(ids)(c, change, debts, today) : undefined;
    };
    const results = await mapLimitSettled(page.items, concurrency, async (id) => {
      const current = await this.deps.commissions.get(actor.tenantId, id);
      if (!current?.instalments.some(inMonth(month, from))) return [];
      const next = await this.deps.service.apply(ctx, current, kind, move);
      const before = new Map(current.instalments.map((i) => [i.id, i.status]));
      return (next?.instalments ?? []).filter(
        (i) => i.status === kind && before.get(i.id) !== kind && i.dueDate.startsWith(`${month}-`),
      );
    });
    const changed = results.map((r) => (r.status === 'fulfilled' ? r.value : []));
    const instalments = changed.flat();
    const failed = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ commissionId: page.items[i] as string, reason: errorText(r.reason) }] : [],
    );
    return {
      month,
      commissions: changed.filter((c) => c.length > 0).length,
      instalments: instalments.length,
      amountMinor: instalments.reduce((a, i) => a + i.amountMinor, 0),
      recoveredMinor: instalments.reduce((a, i) => a + (i.recoveredMinor ?? 0), 0),
      failed,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
