import { NotFoundError } from '#domain/errors';
import type { Actor, Page, PageRequest } from '#domain/ports';
import type { ObjectStore } from '#domain/storage/object-store';
import type { Contract } from './contract';
import type { DocumentRenderer } from './contract-document';
import type { ContractStore, DueEntry } from './contract-store';
import type { PrintBatch, PrintedDocument } from './print-batch';
import type { PrintBatchStore } from './print-batch-store';

export interface PrintBatchDeps {
  readonly contracts: ContractStore;
  readonly batches: PrintBatchStore;
  readonly objects: ObjectStore;
  readonly renderer: DocumentRenderer;
  readonly clock: { now(): Date };
}

const downloadSeconds = 15 * 60;

const printedOf = (contract: Contract): PrintedDocument | undefined => {
  if (contract.communication !== 'paper' || contract.state !== 'sent' || !contract.document) return undefined;
  const [address] = contract.party.addresses;
  return {
    contractId: contract.id,
    number: contract.number,
    customer: contract.party.name,
    address: address ? `${address.street}, ${address.postcode} ${address.city}` : '',
    documentKey: contract.document.key,
  };
};

/**
 * The print batches of paper contracts (R-CO-3): a paper contract sent is
 * listed for printing; the daily job collects each tenant's list into the
 * day's batch, a cover sheet and a manifest in the files bucket. Only paper
 * contracts ever enter one; collecting the same day again adds what came
 * since, and never a document twice.
 */
export class ContractPrintBatches {
  constructor(private readonly deps: PrintBatchDeps) {}

  async collect(day: string, pageSize = 100): Promise<{ batches: number; documents: number }> {
    const byTenant = new Map<string, DueEntry[]>();
    for (;;) {
      const due = await this.deps.contracts.dueBy('PRINT', day, pageSize);
      for (const entry of due) byTenant.set(entry.tenantId, [...(byTenant.get(entry.tenantId) ?? []), entry]);
      const collected = await Promise.all(
        [...byTenant].map(([tenantId, entries]) => this.collectTenant(tenantId, day, entries)),
      );
      byTenant.clear();
      if (due.length < pageSize) {
        return { batches: collected.length, documents: collected.reduce((a, b) => a + b, 0) };
      }
    }
  }

  list(actor: Actor, page: PageRequest): Promise<Page<PrintBatch>> {
    return this.deps.batches.list(actor.tenantId, page);
  }

  /** Links to a batch's cover sheet and manifest. */
  async download(actor: Actor, day: string): Promise<{ coverUrl: string; manifestUrl: string }> {
    const batch = await this.deps.batches.get(actor.tenantId, day);
    if (!batch) throw new NotFoundError('print batch', day);
    return {
      coverUrl: await this.deps.objects.presignDownload(
        batch.coverKey,
        `print-batch-${day}.pdf`,
        downloadSeconds,
      ),
      manifestUrl: await this.deps.objects.presignDownload(
        batch.manifestKey,
        `print-batch-${day}.json`,
        downloadSeconds,
      ),
    };
  }

  private async collectTenant(tenantId: string, day: string, entries: readonly DueEntry[]): Promise<number> {
    const existing = await this.deps.batches.get(tenantId, day);
    const known = new Set(existing?.documents.map((d) => d.contractId));
    const contracts = await Promise.all(entries.map((e) => this.deps.contracts.get(tenantId, e.contractId)));
    const added = contracts
      .map((c) => (c && !known.has(c.id) ? printedOf(c) : undefined))
      .filter((d): d is PrintedDocument => d !== undefined);
    const documents = [...(existing?.documents ?? []), ...added];
    if (added.length > 0) {
      const prefix = `${tenantId}/print-batches/${day}`;
      const cover = await this.deps.renderer.render({
        title: `Print batch ${day}`,
        locale: 'en',
        sections: [
          {
            kind: 'table',
            columns: ['Contract', 'Customer', 'Address'],
            rows: documents.map((d) => [d.number, d.customer, d.address]),
          },
        ],
      });
      await this.deps.objects.write(`${prefix}/cover.pdf`, Buffer.from(cover), 'application/pdf');
      await this.deps.objects.write(
        `${prefix}/manifest.json`,
        JSON.stringify({ day, documents }, null, 2),
        'application/json',
      );
      await this.deps.batches.put({
        tenantId,
        day,
        documents,
        coverKey: `${prefix}/cover.pdf`,
        manifestKey: `${prefix}/manifest.json`,
        createdAt: existing?.createdAt ?? this.deps.clock.now().toISOString(),
      });
    }
    for (const entry of entries) await this.deps.contracts.removeDue(entry);
    return added.length;
  }
}
