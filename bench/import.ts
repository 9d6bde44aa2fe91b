import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { build } from 'esbuild';
import { S3ObjectStore, s3ClientConfig } from '#adapters/storage/s3-object-store';
import type { DomainEvent } from '#domain/events';
import { icoCheckDigit, luhnCheckDigit } from '#domain/identifiers/org-number';
import type { ImportView } from '#domain/import/import-job';
import type { ImportMapping } from '#domain/import/import-mapping';
import type { TenantProfile } from '#domain/tenant';
import { importServices } from '#runtime/import-services';
import { createTable } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { bundleOptions } from '../lib/bundles/function-bundles';
import { createLocalTable } from '../lib/local/create-table';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  LOCAL_DYNAMODB_REGION,
  startDynamoDbLocal,
} from '../lib/local/dynamodb-local';
import type { LocalService } from '../lib/local/processes';
import { LOCAL_ATTACHMENTS_BUCKET, startS3Local } from '../lib/local/s3-local';
import type { WorkerProcessCommand, WorkerProcessReply } from './import-worker-process';

/**
 * The import of a 100k-row CSV of accounts and contacts, end to end: the
 * file is generated to disk, uploaded by its pre-signed URL and mapped; then
 * the run is requested and the import worker, bundled as the stack bundles
 * it and run by plain node in a process of its own with the heap a 256 MB
 * Lambda has, is called with each queued message (an SQS event, a 15-minute
 * Lambda context) until the import is done. It measures rows per second,
 * the worker process's peak RSS and the DynamoDB requests of the run per
 * imported row (counted by a proxy in front of DynamoDB Local), on a table
 * of its own so that nothing else counts.
 *
 * The table has no stream and lives in a DynamoDB Local database of its own
 * (a region of its own): nothing reads its stream, since the worker's steps
 * are taken from the transactions that queue them, and DynamoDB Local slows
 * every write in a database by the stream records it holds (ADR 0035), which
 * the benches before this one and the import's own writes would pile up.
 */
export interface ImportBenchOptions {
  readonly rows?: number;
  /** Default: `AWS_ENDPOINT_URL_DYNAMODB`, as the local runtime sets it. */
  readonly dynamoEndpoint?: string;
  /** Default: `AWS_ENDPOINT_URL_S3` and `ATTACHMENTS_BUCKET`, as the local runtime sets them, or a local S3 of its own. */
  readonly s3?: { readonly endpoint: string; readonly bucket: string };
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
  /** What of the RSS the V8 heap had taken, and the buffers outside it, each at its peak. */
  readonly peakHeapTotalMb: number;
  readonly peakExternalMb: number;
  readonly requests: number;
  readonly requestsPerImportedRow: number;
  /** DynamoDB requests by operation, from the run's request to its end. */
  readonly requestsByOperation: Readonly<Record<string, number>>;
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

const dynamoConfig = (endpoint: string, region: string) => ({
  endpoint,
  region,
  credentials: LOCAL_DYNAMODB_CREDENTIALS,
});

type WorkerReport = Pick<
  ImportBenchResult,
  | 'seconds'
  | 'invocations'
  | 'baselineRssMb'
  | 'peakRssMb'
  | 'peakHeapUsedMb'
  | 'peakHeapTotalMb'
  | 'peakExternalMb'
  | 'requests'
  | 'requestsByOperation'
>;

export async function importBench(options: ImportBenchOptions = {}): Promise<ImportBenchResult> {
  const rows = options.rows ?? 100_000;
  const workerHeapMb = options.workerHeapMb ?? 192;
  const dynamoEndpoint = options.dynamoEndpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!dynamoEndpoint)
    throw new Error('no DynamoDB endpoint: start the local runtime or pass dynamoEndpoint');
  const owned: LocalService[] = [];
  const dir = await mkdtemp(path.join(tmpdir(), 'gridline-import-bench-'));
  const proxy = await countingProxy(dynamoEndpoint);
  try {
    const s3 = options.s3 ?? s3FromEnvironment() ?? (await ownS3(owned));
    const file = path.join(dir, 'kunder.csv');
    await writeFile(file, rows);
    const fileBytes = (await stat(file)).size;
    const workerBundle = await bundleWorker(dir);

    const tableName = `bench-import-${randomUUID()}`;
    const region = `bench-${randomUUID()}`;
    await createLocalTable(new DynamoDBClient(dynamoConfig(dynamoEndpoint, region)), tableName, {
      stream: false,
    });
    const table = createTable(tableName, new DynamoDBClient(dynamoConfig(dynamoEndpoint, region)));
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

    // From the run's request on, every DynamoDB request goes through the counting proxy.
    const counted = importServices({
      table: createTable(tableName, new DynamoDBClient(dynamoConfig(proxy.endpoint, region))),
      objects: objectStore(s3),
    });
    const report = await runWorkerProcess(
      workerBundle,
      workerHeapMb,
      proxy,
      {
        ...process.env,
        AWS_REGION: region,
        AWS_ACCESS_KEY_ID: LOCAL_DYNAMODB_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
        AWS_ENDPOINT_URL_S3: s3.endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        ATTACHMENTS_BUCKET: s3.bucket,
        TABLE_NAME: tableName,
        POWERTOOLS_SERVICE_NAME: 'import-worker',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
      () => counted.imports.request(actor, created.import.id, 'run'),
    );
    const result = await imports.get(actor, created.import.id);
    if (result.state !== 'done')
      throw new Error(`the import ended ${result.state}: ${JSON.stringify(result.failure)}`);
    return {
      rows,
      fileBytes,
      workerHeapMb,
      ...report,
      rowsPerSecond: (result.rowsTotal ?? 0) / report.seconds,
      requestsPerImportedRow: report.requests / Math.max(1, result.rowsCreated),
      result,
    };
  } finally {
    await proxy.close();
    await rm(dir, { recursive: true, force: true });
    await Promise.all(owned.map((service) => service.stop()));
  }
}

/** The import worker as the stack bundles it (with the bench's small driver), written to `dir`. */
async function bundleWorker(dir: string): Promise<string> {
  const outfile = path.join(dir, 'import-worker.mjs');
  await build({
    ...bundleOptions,
    entryPoints: [fileURLToPath(new URL('./import-worker-process.ts', import.meta.url))],
    outfile,
    write: true,
    metafile: false,
  });
  return outfile;
}

interface CountingProxy {
  readonly endpoint: string;
  /** Requests by DynamoDB operation. */
  readonly byOperation: Record<string, number>;
  /** The worker's steps the transactions queued, as the outbox relay would put them on the queue. */
  readonly queued: DomainEvent[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of DynamoDB Local that counts the requests passing
 * through it by operation (`X-Amz-Target`): the bundled worker's requests
 * are counted outside its process, without changing its code.
 */
async function countingProxy(target: string): Promise<CountingProxy> {
  const byOperation: Record<string, number> = {};
  const queued: DomainEvent[] = [];
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    const operation = String(req.headers['x-amz-target'] ?? 'unknown').replace(/^DynamoDB_\d+\./, '');
    byOperation[operation] = (byOperation[operation] ?? 0) + 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (operation === 'TransactWriteItems') queued.push(...workerEventsIn(JSON.parse(body.toString())));
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (error) => res.destroy(error));
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    byOperation,
    queued,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Runs the bundled worker in a node process of its own, with the given heap
 * limit: requests the run, then hands the process each queued step as an SQS
 * event until none is left, and asks it for its memory.
 */
async function runWorkerProcess(
  bundle: string,
  heapMb: number,
  proxy: CountingProxy,
  env: NodeJS.ProcessEnv,
  requestRun: () => Promise<unknown>,
): Promise<WorkerReport> {
  const child = fork(bundle, [], {
    execArgv: [`--max-old-space-size=${heapMb}`],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const replies: ((reply: WorkerProcessReply) => void)[] = [];
  child.on('message', (reply: WorkerProcessReply) => replies.shift()?.(reply));
  const ask = (command: WorkerProcessCommand) =>
    Promise.race([
      new Promise<WorkerProcessReply>((resolve) => {
        replies.push(resolve);
        child.send(command);
      }),
      exited.then((code): never => {
        throw new Error(`the import worker process exited with ${code}`);
      }),
    ]);
  try {
    const started = performance.now();
    await requestRun();
    let invocations = 0;
    for (let event = proxy.queued.shift(); event; event = proxy.queued.shift()) {
      invocations++;
      const reply = await ask({ event: sqsEventOf(event) });
      if ('failures' in reply && reply.failures > 0)
        throw new Error(`step ${invocations} of the import failed`);
    }
    const seconds = (performance.now() - started) / 1000;
    const memory = await ask({ finish: true });
    if (!('peakRssMb' in memory)) throw new Error('the import worker process sent no memory report');
    return {
      seconds,
      invocations,
      ...memory,
      requests: Object.values(proxy.byOperation).reduce((a, b) => a + b, 0),
      requestsByOperation: { ...proxy.byOperation },
    };
  } finally {
    child.kill();
  }
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

export function printImportBench(r: ImportBenchResult): void {
  const mb = (r.fileBytes / 1024 / 1024).toFixed(1);
  console.log(
    `\nImport of ${r.rows.toLocaleString('en')} CSV rows (${mb} MB), by the bundled worker in a process with a ${r.workerHeapMb} MB heap:`,
  );
  console.log(
    `  rows/s                    ${r.rowsPerSecond.toFixed(0)}   (${r.seconds.toFixed(1)} s, ${r.invocations} worker invocations)`,
  );
  console.log(
    `  peak RSS                  ${r.peakRssMb} MB   (target ≤ 256 MB; ${r.baselineRssMb} MB at the start)`,
  );
  console.log(
    `  peak V8 heap in use       ${r.peakHeapUsedMb} MB   (${r.peakHeapTotalMb} MB taken at most; buffers outside it ${r.peakExternalMb} MB at most)`,
  );
  console.log(
    `  DynamoDB requests/row     ${r.requestsPerImportedRow.toFixed(2)}   (${r.requests} for ${r.result.rowsCreated} imported rows)`,
  );
  for (const [command, count] of Object.entries(r.requestsByOperation).sort()) {
    console.log(`    ${command.padEnd(28)} ${count}`);
  }
  const { rowsCreated, rowsFailed, duplicates, rowsSkipped } = r.result;
  console.log(
    `  outcome                   created ${rowsCreated}, failed ${rowsFailed}, duplicates ${duplicates}, skipped ${rowsSkipped}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
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
