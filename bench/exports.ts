import { execFile } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import { StreamedSheetFiles } from '#adapters/spreadsheets/streamed-sheet-files';
import { S3ObjectStore, s3ClientConfig } from '#adapters/storage/s3-object-store';
import type { ContractLine } from '#domain/contracts/contract';
import { presetFor } from '#domain/exports/export-presets';
import { rowOf } from '#domain/exports/export-row';
import type { RowSource } from '#domain/exports/export-vocabulary';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../lib/local/dynamodb-local';
import { LOCAL_ATTACHMENTS_BUCKET, startS3Local } from '../lib/local/s3-local';
import { sampleContract } from '../tests/support/contract-fixture';
import { interleaved, percentile } from './stats';

/**
 * 100 000 data-sentence rows (R-DS-1) streamed into an xlsx in the local S3,
 * each in a process of its own so its peak memory is its own: the export's
 * path (the ZSDIS preset's columns through `rowOf`, the streamed sheet files
 * and the multipart upload) against exceljs's bare streaming writer writing
 * the same cells through the same upload.
 */
export interface ExportBenchResult {
  readonly rows: number;
  /** One per round, each side in a fresh process, the two taking turns to go first. */
  readonly export: readonly ChildResult[];
  readonly bare: readonly ChildResult[];
}

interface ChildResult {
  readonly seconds: number;
  readonly maxRssMiB: number;
}

const spec = presetFor('ZSDIS');

/** The cells of row `i`: a contract line of the sample contract with its own EIC and number. */
function source(i: number): RowSource {
  const contract = sampleContract({
    number: `2027-${String(i).padStart(6, '0')}`,
    signedAt: '2026-12-04T10:00:00.000Z',
  });
  const line = { ...(contract.lines[0] as ContractLine), identifier: `24ZZS${String(i).padStart(10, '0')}X` };
  return {
    contract,
    line,
    tenant: {
      id: 'tatra',
      name: 'Tatra Energia s.r.o.',
      country: 'SK',
      currency: 'EUR',
      timeZone: 'Europe/Bratislava',
    },
  };
}

function objects() {
  return new S3ObjectStore({ client: new S3Client(s3ClientConfig()), bucket: LOCAL_ATTACHMENTS_BUCKET });
}

async function child(mode: 'export' | 'bare', rows: number): Promise<ChildResult> {
  if (!spec) throw new Error('no ZSDIS preset');
  const started = performance.now();
  const key = `bench/data-sentences/${mode}-${Date.now()}.xlsx`;
  if (mode === 'export') {
    const writer = new StreamedSheetFiles(objects()).open(key, {
      format: 'xlsx',
      sheetName: spec.sheetName,
      headers: spec.columns.map((c) => c.header),
      csvSeparator: spec.csvSeparator,
    });
    for (let i = 0; i < rows; i++) {
      const row = rowOf(spec.columns, source(i));
      if (!row.ok) throw new Error(`row ${i}: ${JSON.stringify(row.problems)}`);
      await writer.addRow(row.cells);
    }
    await writer.finish();
  } else {
    // The same rows, made before the clock starts: what exceljs alone takes to write them.
    const cells = Array.from({ length: rows }, (_, i) => {
      const row = rowOf(spec.columns, source(i));
      if (!row.ok) throw new Error(`row ${i} is invalid`);
      return row.cells.map((c) => c ?? null);
    });
    const begun = performance.now();
    const body = new PassThrough();
    const stored = objects().writeStream(key, body, 'application/octet-stream');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: body,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = workbook.addWorksheet(spec.sheetName);
    sheet.addRow(spec.columns.map((c) => c.header)).commit();
    for (const row of cells) {
      sheet.addRow(row).commit();
      if (body.writableNeedDrain) await new Promise((resolve) => body.once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
    await stored;
    return { seconds: (performance.now() - begun) / 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
  }
  return {
    seconds: (performance.now() - started) / 1000,
    // maxRSS is in KiB.
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

/**
 * Runs each side in a child process against the S3 at `AWS_ENDPOINT_URL_S3`,
 * one after the other, `rounds` times, taking turns to go first: one run of
 * each read anywhere from 0.6 to 0.87 on a quiet machine. Asynchronously,
 * since that S3 may be served by this very process.
 */
export async function exportBench(rows: number, rounds = 5): Promise<ExportBenchResult> {
  const run = async (mode: string): Promise<ChildResult> => {
    const { stdout } = await promisify(execFile)(
      path.join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx'),
      [import.meta.filename, 'child', mode, String(rows)],
      { encoding: 'utf8', env: { ...process.env, S3_FORCE_PATH_STYLE: 'true' }, maxBuffer: 1024 * 1024 },
    );
    return JSON.parse(stdout.trim().split('\n').pop() as string);
  };
  // Each side's peak memory by round; `interleaved` keeps the times and takes the turns.
  const peaks = { bare: [] as number[], export: [] as number[] };
  const side = (mode: 'bare' | 'export') => async () => {
    const result = await run(mode);
    peaks[mode].push(result.maxRssMiB);
    return { elapsedMs: result.seconds * 1000 };
  };
  const times = await interleaved(rounds, { bare: side('bare'), export: side('export') });
  const results = (mode: 'bare' | 'export') =>
    times[mode].map((ms, i) => ({ seconds: ms / 1000, maxRssMiB: peaks[mode][i] as number }));
  return { rows, bare: results('bare'), export: results('export') };
}

export function printExportBench(r: ExportBenchResult): void {
  const seconds = (runs: readonly ChildResult[]) =>
    percentile(
      runs.map((c) => c.seconds),
      50,
    );
  const peak = (runs: readonly ChildResult[]) => Math.max(...runs.map((c) => c.maxRssMiB));
  console.log(
    `\nData-sentence export of ${r.rows} rows to an xlsx in the local S3 (a process each, ${r.bare.length} rounds, median time, highest peak):`,
  );
  console.log(
    `  exceljs streaming writer alone   ${seconds(r.bare).toFixed(2)} s   peak RSS ${peak(r.bare).toFixed(0)} MiB`,
  );
  console.log(
    `  the export (spec, rows, writer)  ${seconds(r.export).toFixed(2)} s   peak RSS ${peak(r.export).toFixed(0)} MiB (target ≤ 256)`,
  );
  const ratios = r.bare.map((b, i) => b.seconds / (r.export[i] as ChildResult).seconds);
  console.log(
    `  throughput ratio ${(seconds(r.bare) / seconds(r.export)).toFixed(2)} (target ≥ 0.8; rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  if (process.argv[2] === 'child') {
    const result = await child(process.argv[3] as 'export' | 'bare', Number(process.argv[4]));
    console.log(JSON.stringify(result));
    // The SDK's kept-alive sockets would hold the process open.
    process.exit(0);
  } else {
    // `npx tsx bench/exports.ts [rows]`: on a local S3 of its own.
    const s3 = await startS3Local();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_REGION: LOCAL_DYNAMODB_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_DYNAMODB_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey,
    });
    try {
      printExportBench(await exportBench(Number(process.argv[2] ?? 100_000)));
    } finally {
      await s3.stop();
    }
  }
}
