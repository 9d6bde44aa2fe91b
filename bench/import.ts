import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { S3ObjectStore, s3ClientConfig } from '#adapters/storage/s3-object-store';
import type { DomainEvent } from '#domain/events';
import { icoCheckDigit, luhnCheckDigit } from '#domain/identifiers/org-number';
import type { ImportView } from '#domain/import/import-job';
import type { ImportMapping } from '#domain/import/import-mapping';
import type { RunnerLimits } from '#domain/import/import-runner';
import type { TenantProfile } from '#domain/tenant';
import { importServices, importWorkerHandler } from '#runtime/import-services';
import { createTable } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { createLocalTable } from '../lib/local/create-table';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  LOCAL_DYNAMODB_REGION,
  startDynamoDbLocal,
} from '../lib/local/dynamodb-local';
import type { LocalService } from '../lib/local/processes';
import { LOCAL_ATTACHMENTS_BUCKET, startS3Local } from '../lib/local/s3-local';

/**
 * The import of a 100k-row CSV of accounts and contacts, end to end: the
 * file is generated to disk, uploaded by its pre-signed URL and mapped; then
 * a process of its own, with the heap a 256 MB Lambda has, plays the import
 * worker: it requests the run and calls the worker's Lambda handler with
 * each queued message (an SQS event, a 15-minute Lambda context) until the
 * import is done. It measures rows per second, its peak RSS (sampled every
 * 100 ms) and the DynamoDB requests of the run per imported row, on a table
 * of its own so that nothing else counts.
 */
export interface ImportBenchOptions {
  readonly rows?: number;
  /** Default: `AWS_ENDPOINT_URL_DYNAMODB`, as the local runtime sets it. */
  readonly dynamoEndpoint?: string;
  /** Default: `AWS_ENDPOINT_URL_S3` and `ATTACHMENTS_BUCKET`, as the local runtime sets them, or a local S3 of its own. */
  readonly s3?: { readonly endpoint: string; readonly bucket: string };
  /** The worker's limits, when not its defaults. */
  readonly limits?: Partial<RunnerLimits>;
  /** The worker process's V8 heap limit: Lambda gives a 256 MB function about this much. */
  readonly workerHeapMb?: number;
}

export interface ImportBenchResult {
  readonly rows: number;
  readonly fileBytes: number;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly invocations: number;
  readonly workerHeapMb: number;
  /** RSS of the worker process when it starts the run, and at most during it. */
  readonly baselineRssMb: number;
  readonly peakRssMb: number;
  readonly peakHeapUsedMb: number;
  readonly requests: number;
  readonly requestsPerImportedRow: number;
  readonly requestsByCommand: Readonly<Record<string, number>>;
  readonly result: ImportView;
}

const swedishFirst = [
  'Anna',
  'Erik',
  'Maria',
  'Lars',
  'Karin',
  'Johan',
  'Åsa',
  'Örjan',
  'Elin',
  'Björn',
  'Ingrid',
  'Mats',
];
const swedishLast = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Lindqvist',
  'Öberg',
  'Åström',
  'Ödegård',
  'Berg',
];
const slovakFirst = [
  'Ján',
  'Mária',
  'Peter',
  'Zuzana',
  'Tomáš',
  'Katarína',
  'Ľubomír',
  'Jana',
  'Štefan',
  'Eva',
];
const slovakLast = [
  'Horváth',
  'Kováč',
  'Varga',
  'Tóth',
  'Nagy',
  'Baláž',
  'Szabó',
  'Molnár',
  'Šimko',
  'Lukáč',
];
const swedishCities = [
  ['Storgatan', '111 22', 'Stockholm'],
  ['Kungsgatan', '411 19', 'Göteborg'],
  ['Södra Förstadsgatan', '211 43', 'Malmö'],
  ['Rådhusesplanaden', '903 28', 'Umeå'],
] as const;
const slovakCities = [
  ['Hlavná', '040 01', 'Košice'],
  ['Obchodná', '811 06', 'Bratislava'],
  ['Národná', '010 01', 'Žilina'],
] as const;
const businesses = ['Bageri', 'Kiosk', 'Fastighet', 'Bygg', 'Konsult', 'Energi', 'Trädgård', 'Måleri'];

const pick = <T>(list: readonly T[], i: number) => list[i % list.length] as T;
const cell = (value: string) => (/[;"\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const ascii = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z]/g, '');

export const benchHeader = [
  'Företag',
  'Org.nr',
  'Kundtyp',
  'Land',
  'Växel',
  'E-post företag',
  'Gata',
  'Postnr',
  'Ort',
  'Förnamn',
  'Efternamn',
  'E-post',
  'Mobil',
  'Kundnr',
];

export const benchMapping: ImportMapping = {
  columns: {
    Företag: 'account.name',
    'Org.nr': 'account.orgNumber',
    Kundtyp: 'account.customerType',
    Land: 'account.country',
    Växel: 'account.phones',
    'E-post företag': 'account.email',
    Gata: 'account.street',
    Postnr: 'account.postcode',
    Ort: 'account.city',
    Förnamn: 'contact.firstName',
    Efternamn: 'contact.lastName',
    'E-post': 'contact.email',
    Mobil: 'contact.phones',
    Kundnr: 'contact.externalCustomerId',
  },
  options: { delimiter: ';', encoding: 'utf-8' },
};

/**
 * Row `i` of the file: a Swedish company (organisationsnummer with its Luhn
 * digit, an 08 switchboard, a 070 mobile) or, every fourth, a Slovak one
 * (IČO with its mod-11 digit, Bratislava and +421 9xx numbers). Every 100th
 * row repeats the org number of the row four before it (same country) and
 * every 250th has a broken e-mail, as real exports do.
 */
export function benchRow(i: number): string {
  const slovak = i % 4 === 3;
  const n = String(i).padStart(6, '0');
  const orgRow = i % 100 === 99 ? i - 4 : i;
  const orgNumber = slovak
    ? `${3_000_000 + orgRow}${icoCheckDigit(String(3_000_000 + orgRow))}`
    : `556${String(orgRow).padStart(6, '0')}`.replace(
        /^(\d{6})(\d{3})$/,
        (_m, a: string, b: string) => `${a}-${b}${luhnCheckDigit(a + b)}`,
      );
  const first = slovak ? pick(slovakFirst, i) : pick(swedishFirst, i);
  const last = slovak ? pick(slovakLast, i * 7) : pick(swedishLast, i * 7);
  const [street, postcode, city] = slovak ? pick(slovakCities, i) : pick(swedishCities, i);
  const domain = `example.${slovak ? 'sk' : 'se'}`;
  const email = i % 250 === 7 ? `${n}@` : `${ascii(first)}.${ascii(last)}.${n}@${domain}`.toLowerCase();
  return `${[
    `${pick(businesses, i)} ${last} ${n} ${slovak ? 's.r.o.' : 'AB'}`,
    orgNumber,
    i % 3 === 0 ? 'B2C' : 'B2B',
    slovak ? 'SK' : 'SE',
    slovak ? `02 5${n.slice(0, 3)} ${n.slice(3)}0` : `08-${n.slice(0, 3)} ${n.slice(3)}0`,
    `info.${n}@${domain}`,
    `${street} ${(i % 90) + 1}`,
    postcode,
    city,
    first,
    last,
    email,
    slovak ? `+421 905 ${n.slice(0, 3)} ${n.slice(3)}` : `070-${n.slice(0, 3)} ${n.slice(3)}1`,
    `K-${n}`,
  ]
    .map(cell)
    .join(';')}\n`;
}

async function writeFile(file: string, rows: number): Promise<void> {
  const lines = (function* () {
    yield `${benchHeader.join(';')}\n`;
    for (let i = 0; i < rows; i++) yield benchRow(i);
  })();
  await finished(Readable.from(lines).pipe(createWriteStream(file)));
}

function objectStore(s3: { endpoint: string; bucket: string }): S3ObjectStore {
  return new S3ObjectStore({
    client: new S3Client({
      ...s3ClientConfig({ S3_FORCE_PATH_STYLE: 'true' }),
      endpoint: s3.endpoint,
      region: LOCAL_DYNAMODB_REGION,
      credentials: LOCAL_DYNAMODB_CREDENTIALS,
    }),
    bucket: s3.bucket,
  });
}

function s3FromEnvironment(): { endpoint: string; bucket: string } | undefined {
  const endpoint = process.env.AWS_ENDPOINT_URL_S3;
  const bucket = process.env.ATTACHMENTS_BUCKET;
  return endpoint && bucket ? { endpoint, bucket } : undefined;
}

async function ownS3(owned: LocalService[]): Promise<{ endpoint: string; bucket: string }> {
  const started = await startS3Local();
  owned.push(started);
  return { endpoint: started.endpoint, bucket: LOCAL_ATTACHMENTS_BUCKET };
}

const dynamoConfig = (endpoint: string) => ({
  endpoint,
  region: LOCAL_DYNAMODB_REGION,
  credentials: LOCAL_DYNAMODB_CREDENTIALS,
});

/** What the worker process needs to find the prepared import. */
interface WorkerJob {
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  readonly s3: { readonly endpoint: string; readonly bucket: string };
  readonly tenant: TenantProfile;
  readonly importId: string;
  readonly limits?: Partial<RunnerLimits>;
}

type WorkerReport = Omit<ImportBenchResult, 'rows' | 'fileBytes' | 'workerHeapMb'>;

export async function importBench(options: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const rows = options.rows ?? 100_000;
  const workerHeapMb = options.workerHeapMb ?? 192;
  const dynamoEndpoint = options.dynamoEndpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!dynamoEndpoint)
    throw new Error('no DynamoDB endpoint: start the local runtime or pass dynamoEndpoint');
  const owned: LocalService[] = [];
  const dir = await mkdtemp(path.join(tmpdir(), 'gridline-import-bench-'));
  try {
    const s3 = options.s3 ?? s3FromEnvironment() ?? (await ownS3(owned));
    const file = path.join(dir, 'kunder.csv');
    await writeFile(file, rows);
    const fileBytes = (await stat(file)).size;

    const tableName = `bench-import-${randomUUID()}`;
    await createLocalTable(new DynamoDBClient(dynamoConfig(dynamoEndpoint)), tableName);
    const table = createTable(tableName, new DynamoDBClient(dynamoConfig(dynamoEndpoint)));
    const tenant: TenantProfile = {
      id: `bench-${randomUUID()}`,
      name: 'Bänk Energi AB',
      country: 'SE',
      currency: 'SEK',
      timeZone: 'Europe/Stockholm',
    };
    await new DynamoTenantDirectory(table).save(tenant);
    const { imports } = importServices({ table, objects: objectStore(s3) });
    const actor = { tenantId: tenant.id, userId: 'bench' };
    const created = await imports.create(actor, {
      kind: 'accounts-and-contacts',
      fileName: 'kunder.csv',
      size: fileBytes,
    });
    const put = await fetch(created.upload.url, {
      method: created.upload.method,
      headers: { ...created.upload.headers, 'content-length': String(fileBytes) },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    if (put.status !== 200) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
    await imports.setMapping(actor, created.import.id, created.import.version, benchMapping);

    const report = await runWorkerProcess(
      { dynamoEndpoint, tableName, s3, tenant, importId: created.import.id, limits: options.limits },
      workerHeapMb,
    );
    return { rows, fileBytes, workerHeapMb, ...report };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await Promise.all(owned.map((service) => service.stop()));
  }
}

/** Runs this file again as the worker process, with the given heap limit, and waits for its report. */
function runWorkerProcess(job: WorkerJob, heapMb: number): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${heapMb}`],
      env: { ...process.env, IMPORT_BENCH_WORKER: JSON.stringify(job), POWERTOOLS_LOG_LEVEL: 'SILENT' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: WorkerReport | undefined;
    child.on('message', (message) => {
      report = message as WorkerReport;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      report
        ? resolve(report)
        : reject(new Error(`the import worker process exited with ${code} and no report`)),
    );
  });
}

/** A Lambda context with the worker's 15 minutes, counted from now. */
function workerContext(): Context {
  const deadline = Date.now() + 900_000;
  return { getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) } as Context;
}

const sqsEventOf = (event: DomainEvent): SQSEvent =>
  ({
    Records: [
      {
        messageId: randomUUID(),
        receiptHandle: randomUUID(),
        body: JSON.stringify({
          id: randomUUID(),
          'detail-type': event.type,
          source: event.source,
          detail: event,
        }),
        attributes: {},
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:local:000000000000:imports',
        awsRegion: LOCAL_DYNAMODB_REGION,
      },
    ],
  }) as unknown as SQSEvent;

const workerEventTypes = new Set(['ImportRequested', 'ImportContinued']);

/** The import worker's messages in a TransactWriteItems input, as the outbox relay would put them on the queue. */
function workerEventsIn(input: Readonly<Record<string, unknown>>): DomainEvent[] {
  const items = (input.TransactItems as { Put?: { Item?: Record<string, unknown> } }[] | undefined) ?? [];
  return items.flatMap(({ Put }) => {
    const item = Put?.Item;
    if (!item) return [];
    // The document client's form, or the wire form, whichever this middleware sees.
    const plain = (item.entity as { S?: string } | undefined)?.S ? unmarshall(item as never) : item;
    const event = plain.entity === 'Outbox' ? (plain.event as DomainEvent) : undefined;
    return event && workerEventTypes.has(event.type) ? [event] : [];
  });
}

/** The worker process: requests the run and works it off, counting requests and sampling memory. */
async function workAsWorker(job: WorkerJob): Promise<WorkerReport> {
  const byCommand: Record<string, number> = {};
  const queued: DomainEvent[] = [];
  const client = new DynamoDBClient(dynamoConfig(job.dynamoEndpoint));
  client.middlewareStack.add(
    (next, context) => (args) => {
      const command = context.commandName as string;
      byCommand[command] = (byCommand[command] ?? 0) + 1;
      if (command === 'TransactWriteItemsCommand') {
        queued.push(...workerEventsIn(args.input as Record<string, unknown>));
      }
      return next(args);
    },
    { step: 'initialize', name: 'importBenchRequests' },
  );
  const services = importServices(
    { table: createTable(job.tableName, client), objects: objectStore(job.s3) },
    { limits: job.limits },
  );
  const worker = importWorkerHandler('import-worker', () => services.runner);
  const actor = { tenantId: job.tenant.id, userId: 'bench' };

  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let peakHeap = 0;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 100);
  const started = performance.now();
  let invocations = 0;
  try {
    await services.imports.request(actor, job.importId, 'run');
    for (let event = queued.shift(); event; event = queued.shift()) {
      invocations++;
      await worker(sqsEventOf(event), workerContext());
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const result = await services.imports.get(actor, job.importId);
  if (result.state !== 'done')
    throw new Error(`the import ended ${result.state}: ${JSON.stringify(result.failure)}`);
  const requests = Object.values(byCommand).reduce((a, b) => a + b, 0);
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return {
    seconds,
    rowsPerSecond: (result.rowsTotal ?? 0) / seconds,
    invocations,
    baselineRssMb: mb(baseline),
    peakRssMb: mb(peak),
    peakHeapUsedMb: mb(peakHeap),
    requests,
    requestsPerImportedRow: requests / Math.max(1, result.rowsCreated),
    requestsByCommand: byCommand,
    result,
  };
}

export function printImportBench(r: ImportBenchResult): void {
  const mb = (r.fileBytes / 1024 / 1024).toFixed(1);
  console.log(
    `\nImport of ${r.rows.toLocaleString('en')} CSV rows (${mb} MB), in a worker process with a ${r.workerHeapMb} MB heap:`,
  );
  console.log(
    `  rows/s                    ${r.rowsPerSecond.toFixed(0)}   (${r.seconds.toFixed(1)} s, ${r.invocations} worker invocations)`,
  );
  console.log(
    `  peak RSS                  ${r.peakRssMb} MB   (target ≤ 256 MB; ${r.baselineRssMb} MB at the start)`,
  );
  console.log(`  peak V8 heap in use       ${r.peakHeapUsedMb} MB`);
  console.log(
    `  DynamoDB requests/row     ${r.requestsPerImportedRow.toFixed(2)}   (${r.requests} for ${r.result.rowsCreated} imported rows)`,
  );
  for (const [command, count] of Object.entries(r.requestsByCommand).sort()) {
    console.log(`    ${command.padEnd(28)} ${count}`);
  }
  const { rowsCreated, rowsFailed, duplicates, rowsSkipped } = r.result;
  console.log(
    `  outcome                   created ${rowsCreated}, failed ${rowsFailed}, duplicates ${duplicates}, skipped ${rowsSkipped}`,
  );
}

const workerJob = process.env.IMPORT_BENCH_WORKER;
if (workerJob) {
  // This file, forked by runWorkerProcess: the worker side.
  const report = await workAsWorker(JSON.parse(workerJob) as WorkerJob);
  process.send?.(report, () => process.exit(0));
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npx tsx bench/import.ts [rows]`: on a DynamoDB Local and S3 of its own.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal();
  try {
    printImportBench(
      await importBench({ rows: Number(process.argv[2] ?? 100_000), dynamoEndpoint: dynamo.endpoint }),
    );
  } finally {
    await dynamo.stop();
  }
}
