/**
 * The functions that were still over their budget when it was set, each with
 * the size in KiB it may not pass. The list only shrinks: the budget test
 * fails when a listed function grows past its ceiling, and when one comes
 * within its budget while still listed (take it off). ADR 0022 says what
 * keeps each one over.
 */
export const overBudgetCeilingsKiB: Readonly<Record<string, number>> = {
  // Phone parsing (38 KiB with the tenants' countries' metadata) and ibantools are its own; the rest is
  // the accounts, contacts and timeline routes and their zod schemas.
  // +6: the contact merge route, its service and the hand-over of guards and lookups (ADR 0032).
  'accounts-api': 641,
  // A journey updates the account (phone and IBAN checks); the energy domain and pricing.
  'energy-api': 688,
  // Moving customers is one service with the jobs' steps, which update accounts.
  // +1 here and below: every contact writer refuses a merged contact's tombstone (ADR 0032).
  'settings-api': 634,
  'settings-jobs': 641,
  // Every row is an account and contact: their normalisation, with phone parsing.
  'import-api': 844,
  'import-worker': 837,
  // Six modules' routes; conversion writes accounts, contacts and supply points through their services.
  'sales-api': 824,
  // Leads' phones are parsed as they arrive.
  'lead-webhook': 609,
  // The meter exchange updates the supply point through its service; the service settings.
  'field-service-api': 665,
  'service-channels': 625,
};
