/**
 * The functions that were still over their budget when it was set, each with
 * the size in KiB it may not pass. The list only shrinks: the budget test
 * fails when a listed function grows past its ceiling, and when one comes
 * within its budget while still listed (take it off). ADR 0022 says what
 * keeps each one over.
 */
export const overBudgetCeilingsKiB: Readonly<Record<string, number>> = {
  // The HTTP functions below grew by 2 KiB each (to the KiB their bundle now needs) with the path
  // routing every HTTP function carries behind the API's ANY and greedy routes (ADR 0028).
  // Phone parsing (38 KiB with the tenants' countries' metadata) and ibantools are its own; the rest is
  // the accounts, contacts and timeline routes and their zod schemas.
  'accounts-api': 637,
  // A journey updates the account (phone and IBAN checks); the energy domain and pricing.
  'energy-api': 690,
  // Moving customers is one service with the jobs' steps, which update accounts.
  'settings-api': 635,
  'settings-jobs': 640,
  // Every row is an account and contact: their normalisation, with phone parsing.
  'import-api': 845,
  'import-worker': 837,
  // Six modules' routes; conversion writes accounts, contacts and supply points through their services.
  'sales-api': 825,
  // Leads' phones are parsed as they arrive.
  'lead-webhook': 611,
  // The meter exchange updates the supply point through its service; the service settings.
  'field-service-api': 667,
  'service-channels': 627,
};
