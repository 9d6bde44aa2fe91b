import type { ExportRunner } from './export-runner';
import type { ExportService } from './export-service';

/** The exports module's services, as the composition root wires them. */
export interface ExportsServices {
  readonly exports: ExportService;
  readonly runner: ExportRunner;
}
