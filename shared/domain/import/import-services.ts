import type { ImportRunner } from './import-runner';
import type { ImportService } from './import-service';

/** What the import module offers. */
export interface ImportServices {
  /** What the API offers: announce, map, run and follow an import. */
  readonly imports: ImportService;
  /** What the worker does with a queued step. */
  readonly runner: ImportRunner;
}
