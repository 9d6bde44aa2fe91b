/**
 * Every way the table is read or written, in the domain's words. The table
 * in docs/architecture.md is checked against this list by a test, so the
 * two cannot drift. `t` is the tenant id from the verified token.
 */
export interface AccessPattern {
  readonly name: string;
  readonly index: 'table' | 'gsi1' | 'gsi2';
  readonly key: string;
  readonly operation: string;
}

export const accessPatterns: readonly AccessPattern[] = [
  { name: 'Account by id', index: 'table', key: 'pk = T#t#ACCOUNT#id, sk = ACCOUNT', operation: 'GetItem' },
  { name: 'Contact by id', index: 'table', key: 'pk = T#t#CONTACT#id, sk = CONTACT', operation: 'GetItem' },
  { name: 'Account with its contacts', index: 'gsi1', key: 'gsi1pk = T#t#ACCOUNT#id', operation: 'Query' },
  {
    name: 'Contacts of an account',
    index: 'gsi1',
    key: 'gsi1pk = T#t#ACCOUNT#id, begins_with(gsi1sk, CONTACT#)',
    operation: 'Query',
  },
  {
    name: 'Accounts by name (filters: customerType, ownerId, statusTypeId)',
    index: 'gsi2',
    key: 'gsi2pk = T#t#ACCOUNTS, begins_with(gsi2sk, folded name)',
    operation: 'Query',
  },
  {
    name: 'Contacts by name',
    index: 'gsi2',
    key: 'gsi2pk = T#t#CONTACTS, begins_with(gsi2sk, folded last first)',
    operation: 'Query',
  },
  {
    name: 'Notes of an account or contact, newest first',
    index: 'table',
    key: 'pk = subject pk, begins_with(sk, NOTE#), descending',
    operation: 'Query',
  },
  {
    name: 'History and timeline of an account or contact, newest first',
    index: 'table',
    key: 'pk = subject pk, begins_with(sk, HISTORY#), descending',
    operation: 'Query',
  },
  {
    name: 'Identify by phone, e-mail or customer id',
    index: 'table',
    key: 'pk = T#t#LOOKUP#kind#value',
    operation: 'Query, then BatchGetItem of the matches',
  },
  {
    name: 'Uniqueness guard (org number, customer id, supply point identifier, user e-mail)',
    index: 'table',
    key: 'pk = T#t#UNIQUE#kind#value, sk = UNIQUE',
    operation: 'conditional Put/Delete in the transaction',
  },
  {
    name: 'Idempotency record of a create',
    index: 'table',
    key: 'pk = T#t#IDEMPOTENCY#operation#key, sk = IDEMPOTENCY',
    operation: 'conditional Put in the transaction; GetItem on replay',
  },
  {
    name: 'Outbox event',
    index: 'table',
    key: 'pk = T#t#OUTBOX#eventId, sk = OUTBOX',
    operation: 'Put in the transaction; read from the stream',
  },
  {
    name: 'Supply point by id',
    index: 'table',
    key: 'pk = T#t#SUPPLYPOINT#id, sk = SUPPLYPOINT',
    operation: 'GetItem',
  },
  {
    name: 'Supply points of an account',
    index: 'gsi1',
    key: 'gsi1pk = T#t#ACCOUNT#id, begins_with(gsi1sk, SUPPLYPOINT#)',
    operation: 'Query',
  },
  {
    name: 'Territory by code',
    index: 'table',
    key: 'pk = T#t#TERRITORY#code, sk = TERRITORY',
    operation: 'GetItem',
  },
  { name: 'Territories by code', index: 'gsi2', key: 'gsi2pk = T#t#TERRITORIES', operation: 'Query' },
  {
    name: 'Band table of a commodity and customer type',
    index: 'table',
    key: 'pk = T#t#BANDTABLE#commodity#customerType, sk = BANDTABLE',
    operation: 'GetItem',
  },
  {
    name: 'Gas conversion settings',
    index: 'table',
    key: 'pk = T#t#GASCONVERSION, sk = GASCONVERSION',
    operation: 'GetItem',
  },
  { name: 'Product by id', index: 'table', key: 'pk = T#t#PRODUCT#id, sk = PRODUCT', operation: 'GetItem' },
  {
    name: 'Products by name',
    index: 'gsi2',
    key: 'gsi2pk = T#t#PRODUCTS, begins_with(gsi2sk, folded name)',
    operation: 'Query',
  },
  {
    name: 'Price lists of a product, newest first',
    index: 'table',
    key: 'pk = T#t#PRODUCT#id, begins_with(sk, PRICELIST#), descending',
    operation: 'Query',
  },
  {
    name: 'Price of a product in a territory and band on a day',
    index: 'table',
    key: 'pk = T#t#PRICE#product#territory#band, sk <= FROM#date, descending, limit 1',
    operation: 'Query (also the overlap check on publish, consistent)',
  },
  {
    name: 'Meter readings of a supply point (or one register), newest first',
    index: 'table',
    key: 'pk = T#t#SUPPLYPOINT#id, begins_with(sk, READING#register#), descending',
    operation: 'Query',
  },
  {
    name: 'Latest reading marker of a register',
    index: 'table',
    key: 'pk = T#t#SUPPLYPOINT#id, sk = READING-LATEST#register',
    operation: 'consistent GetItem; conditional Put in the transaction',
  },
  { name: 'Journey by id', index: 'table', key: 'pk = T#t#JOURNEY#id, sk = JOURNEY', operation: 'GetItem' },
  {
    name: 'Open journeys of an account',
    index: 'gsi1',
    key: 'gsi1pk = T#t#ACCOUNT#id, begins_with(gsi1sk, JOURNEY#OPEN#)',
    operation: 'Query',
  },
  {
    name: 'Deleted accounts by name (admins, for restore)',
    index: 'gsi2',
    key: 'gsi2pk = T#t#ACCOUNTS#DELETED',
    operation: 'Query',
  },
  {
    name: 'Accounts (or contacts) of a category',
    index: 'table',
    key: 'pk = T#t#CATEGORY#categoryId, begins_with(sk, ACCOUNT# or CONTACT#)',
    operation: 'Query, then BatchGetItem of the page',
  },
  {
    name: 'Attachments of an account or contact, newest first',
    index: 'table',
    key: 'pk = subject pk, begins_with(sk, ATTACHMENT#), descending',
    operation: 'Query (filter: stored); GetItem by id',
  },
  {
    name: 'Messages (e-mail, SMS) of a contact, newest first',
    index: 'table',
    key: 'pk = T#t#CONTACT#id, begins_with(sk, MESSAGE#), descending',
    operation: 'Query',
  },
  { name: 'User by id', index: 'table', key: 'pk = T#t#USER#id, sk = USER', operation: 'GetItem' },
  {
    name: 'Users by e-mail',
    index: 'gsi2',
    key: 'gsi2pk = T#t#USERS, begins_with(gsi2sk, folded e-mail)',
    operation: 'Query',
  },
  {
    name: 'Active admins of a tenant',
    index: 'table',
    key: 'pk = T#t#ADMINS, sk = ADMINS',
    operation: 'GetItem; conditional Update in the transaction',
  },
  {
    name: 'Activity by id',
    index: 'table',
    key: 'pk = T#t#ACTIVITY#id, sk = ACTIVITY',
    operation: 'consistent GetItem; versioned Put in the transaction',
  },
  {
    name: 'Activities of an account or contact, newest first',
    index: 'gsi1',
    key: 'gsi1pk = T#t#ACTIVITIES#subjectType#subjectId, begins_with(gsi1sk, ACTIVITY#), descending',
    operation: 'Query',
  },
  {
    name: 'Active activities of a tenant (registered again with the local scheduler)',
    index: 'gsi2',
    key: 'gsi2pk = T#t#ACTIVITIES#ACTIVE',
    operation: 'Query',
  },
  {
    name: 'Task by id (activity and occurrence)',
    index: 'table',
    key: 'pk = T#t#TASK#activityId-occurrence, sk = TASK',
    operation: 'conditional Put in the occurrence transaction; GetItem',
  },
  {
    name: 'A user’s open or done tasks by due time',
    index: 'gsi2',
    key: 'gsi2pk = T#t#TASKS#userId#OPEN or DONE, gsi2sk = dueAt#taskId',
    operation: 'Query',
  },
  {
    name: 'Setting by id (any kind)',
    index: 'table',
    key: 'pk = T#t#SETTING#id, sk = SETTING',
    operation: 'GetItem; BatchGetItem to check references',
  },
  {
    name: 'Settings of a kind, by title (by order for status types and deal stages)',
    index: 'gsi2',
    key: 'gsi2pk = T#t#SETTINGS#kind',
    operation: 'Query',
  },
  {
    name: 'Sub-groups of a user group (or the top-level groups)',
    index: 'gsi1',
    key: 'gsi1pk = T#t#USERGROUPS#parentId or ROOT',
    operation: 'Query',
  },
  {
    name: 'Setting title and order guards',
    index: 'table',
    key: 'pk = T#t#SETTING-TITLE#kind#folded title or T#t#SETTING-ORDER#kind#order, sk = UNIQUE',
    operation: 'conditional Put/Delete in the transaction',
  },
  {
    name: 'Job by id',
    index: 'table',
    key: 'pk = T#t#JOB#id, sk = JOB',
    operation: 'GetItem; versioned Put',
  },
  {
    name: 'Accounts of an industry (move-customers job only, interim)',
    index: 'gsi2',
    key: 'gsi2pk = T#t#ACCOUNTS, filter industryId',
    operation: 'paged Query in the job, never on a request',
  },
  {
    name: 'Import by id',
    index: 'table',
    key: 'pk = T#t#IMPORT#id, sk = IMPORT',
    operation: 'consistent GetItem; versioned Put on each state change and progress save',
  },
  {
    name: 'Import duplicates against existing data',
    index: 'table',
    key: 'pk = T#t#UNIQUE#kind#value (BatchGetItem, 100 a request) and pk = T#t#LOOKUP#kind#value (Query, limit 1)',
    operation: 'BatchGetItem and Query',
  },
  {
    name: 'Lead by id',
    index: 'table',
    key: 'pk = T#t#LEAD#id, sk = LEAD',
    operation: 'consistent GetItem; versioned Put with its match items',
  },
  {
    name: 'Leads in a lifecycle stage, newest first',
    index: 'gsi1',
    key: 'gsi1pk = T#t#LEADS#STAGE#stage, descending',
    operation: 'Query',
  },
  {
    name: 'Leads of an owner (or unassigned), newest first',
    index: 'gsi2',
    key: 'gsi2pk = T#t#LEADS#OWNER#userId, descending',
    operation: 'Query',
  },
  {
    name: 'Leads with an e-mail or phone (duplicates)',
    index: 'table',
    key: 'pk = T#t#LEADMATCH#kind#value',
    operation: 'Query (limit 20), one per value',
  },
  {
    name: 'Lead source by id',
    index: 'table',
    key: 'pk = T#t#LEADSOURCE#id, sk = LEADSOURCE',
    operation: 'consistent GetItem',
  },
  {
    name: 'Lead sources by name',
    index: 'gsi2',
    key: 'gsi2pk = T#t#LEADSOURCES',
    operation: 'Query',
  },
  {
    name: 'Tenant of a webhook’s lead source (no tenant in the key)',
    index: 'table',
    key: 'pk = WEBHOOK#LEADSOURCE#id, sk = ROUTE',
    operation: 'GetItem',
  },
  {
    name: 'Sales rules of a tenant',
    index: 'table',
    key: 'pk = T#t#SALESSETTINGS, sk = SALESSETTINGS',
    operation: 'consistent GetItem; versioned Put',
  },
  {
    name: 'Round-robin turn of a user group',
    index: 'table',
    key: 'pk = T#t#ROUNDROBIN#groupId, sk = ROUNDROBIN',
    operation: 'UpdateItem ADD turn',
  },
  {
    name: 'Deal by id',
    index: 'table',
    key: 'pk = T#t#DEAL#id, sk = DEAL',
    operation: 'consistent GetItem; versioned Put with its member copies',
  },
  {
    name: 'Deals of the tenant, newest first (admins, viewers)',
    index: 'gsi2',
    key: 'gsi2pk = T#t#DEALS, descending',
    operation: 'Query',
  },
  {
    name: 'Deals a user owns or takes part in, newest first',
    index: 'table',
    key: 'pk = T#t#USERDEALS#userId, begins_with(sk, DEAL#), descending',
    operation: 'Query',
  },
  {
    name: 'The accepted offer of a deal (guard)',
    index: 'table',
    key: 'pk = T#t#DEAL#dealId, sk = ACCEPTEDOFFER',
    operation: 'conditional Put in the acceptance’s transaction',
  },
  {
    name: 'Offer with its versions',
    index: 'table',
    key: 'pk = T#t#OFFER#id (sk OFFER, VERSION#000001…)',
    operation: 'consistent Query',
  },
  {
    name: 'Offers of a deal, newest first',
    index: 'gsi1',
    key: 'gsi1pk = T#t#DEAL#dealId, begins_with(gsi1sk, OFFER#), descending',
    operation: 'Query',
  },
  {
    name: 'Forecast by owner, group or month; win/loss',
    index: 'table',
    key: 'pk = T#t#FORECAST, sk BETWEEN KIND#from AND KIND#to~',
    operation: 'one Query per report',
  },
  {
    name: 'Funnel by stage, source or campaign',
    index: 'table',
    key: 'pk = T#t#FUNNEL, begins_with(sk, STAGE# or SOURCE# or CAMPAIGN#)',
    operation: 'one Query per report',
  },
  {
    name: 'Aggregate update of one event',
    index: 'table',
    key: 'pk = T#t#APPLIED#projection#eventId (conditional Put) + ADD on the buckets',
    operation: 'TransactWriteItems',
  },
  {
    name: 'Tenant profile',
    index: 'table',
    key: 'pk = T#t#TENANT, sk = TENANT',
    operation: 'GetItem (cached 5 min)',
  },
];

/** The markdown rows of the access-pattern table. */
export const accessPatternRows = (): string[] =>
  accessPatterns.map((p) => `| ${p.name} | ${p.index} | \`${p.key}\` | ${p.operation} |`);
