/**
 * The functions that were still over their budget when it was set, each with
 * the size in KiB it may not pass. The list only shrinks: the budget test
 * fails when a listed function grows past its ceiling, and when one comes
 * within its budget while still listed (take it off). ADR 0022 says what
 * keeps each one over, and ADR 0039 why zod's smaller API and a split of
 * sales-api would not take them off.
 *
 * Raised since, by the least amount each needed: about 2 KiB in every HTTP
 * function for the path routing behind the API's ANY and greedy routes
 * (ADR 0028); about 1 KiB in every function that writes accounts for their
 * register fields and the revision check of the register lookup's system
 * write (ADR 0029); and the campaign and merge events and subjects that the
 * events catalogue every function carries names (ADR 0031, ADR 0032).
 * Lowered since (ADR 0022 has the figures):
 * - all, by 3 to 5 KiB, once a subject's notes and history found their
 *   partition from its entity's partition template instead of its
 *   definition, which brought every module's entity definitions along;
 * - sales-api, once a conversion was wired with the account and contact
 *   services only, without the timeline's, and deals read deal stages
 *   through the settings' reads alone, without their writes;
 * - energy-api and sales-api, once the account and contact they answer with
 *   had a schema file of their own and the documented problem schemas left
 *   the common schemas.
 * Taken off: settings-jobs, once the move-customers job was wired with the
 * account service alone and the removal of a setting alone.
 */
export const overBudgetCeilingsKiB: Readonly<Record<string, number>> = {
  // Phone parsing (38 KiB with the tenants' countries' metadata) and ibantools are its own; the rest is
  // the accounts, contacts and timeline routes and their zod schemas, the register suggestion's routes and the
  // contact merge (ADR 0032).
  'accounts-api': 623,
  // A journey updates the account (phone and IBAN checks); the energy domain and pricing.
  'energy-api': 676,
  // The sales module's six route files; conversion writes accounts, contacts and supply points through their services.
  'sales-api': 786,
  // The meter exchange updates the supply point through its service; the service settings.
  'field-service-api': 651,
};
