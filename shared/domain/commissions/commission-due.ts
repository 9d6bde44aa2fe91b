import { mapLimitSettled } from '#domain/map-limit';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { generatorActor } from './commission-generator';
import type { CommissionService } from './commission-service';
import type { CommissionStore } from './commission-stores';
import { makeDue } from './instalment-moves';

export interface CommissionDueDeps extends ServiceDeps {
  readonly commissions: CommissionStore;
  readonly service: Pick<CommissionService, 'apply'>;
}

/** Entries read per round; the job reads rounds until none is left. */
const batch = 100;
const concurrency = 4;

/**
 * The daily job (R-PL-3): pending instalments whose day has come become
 * due. Each entry is removed once its commission is written, so a failed
 * one stays for the next run, and a run repeated changes nothing.
 */
export class CommissionDueJob {
  constructor(private readonly deps: CommissionDueDeps) {}

  async run(day: string): Promise<{ commissions: number; failed: number }> {
    let commissions = 0;
    let failed = 0;
    const skipped = new Set<string>();
    for (;;) {
      const entries = (await this.deps.commissions.dueBy(day, batch + skipped.size)).filter(
        (e) => !skipped.has(`${e.tenantId}#${e.commissionId}#${e.due}`),
      );
      if (entries.length === 0) return { commissions, failed };
      const results = await mapLimitSettled(entries, concurrency, async (entry) => {
        const current = await this.deps.commissions.get(entry.tenantId, entry.commissionId);
        if (current) {
          const ctx = await changeContext(this.deps, { tenantId: entry.tenantId, userId: generatorActor });
          const next = await this.deps.service.apply(ctx, current, 'due', (c, change) =>
            makeDue(c, day, change),
          );
          if (next) commissions += 1;
        }
        await this.deps.commissions.removeDue(entry);
      });
      results.forEach((r, i) => {
        if (r.status === 'rejected') {
          failed += 1;
          const e = entries[i];
          if (e) skipped.add(`${e.tenantId}#${e.commissionId}#${e.due}`);
        }
      });
    }
  }
}
