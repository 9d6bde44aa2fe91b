import type { CasesEnvironment } from '#runtime/cases-services';
import { environmentCaseTimers } from './case-timers';
import { environmentMailer } from './mailer';
import { environmentObjects } from './objects';
import { environmentTable } from './table';

/** What the customer-service functions take from where they run. */
export const casesEnvironment = (): CasesEnvironment => ({
  table: environmentTable(),
  objects: environmentObjects(),
  mailer: environmentMailer(),
  caseTimers: environmentCaseTimers(),
});
