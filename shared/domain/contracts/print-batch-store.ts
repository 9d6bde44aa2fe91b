import type { Page, PageRequest } from '#domain/ports';
import type { PrintBatch } from './print-batch';

export interface PrintBatchStore {
  get(tenantId: string, day: string): Promise<PrintBatch | undefined>;
  put(batch: PrintBatch): Promise<void>;
  list(tenantId: string, page: PageRequest): Promise<Page<PrintBatch>>;
}
