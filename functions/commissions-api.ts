import { commissionsApi } from '#api/commissions/commissions-bindings';
import { commissionsServices } from '#runtime/commissions-services';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';

/** Commissions: their rules, instalments, month payouts, payroll export and statements. */
export const handler = httpFunction('commissions-api', () =>
  commissionsApi(commissionsServices({ table: environmentTable() })),
);
