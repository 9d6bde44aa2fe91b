/**
 * Local SES v2 emulator: runs the installed `aws-ses-v2-local` dev dependency as a child process.
 *
 * Mails sent with `@aws-sdk/client-sesv2` (endpoint = the local server, any region, any dummy
 * credentials) are kept in memory and can be read back with `GET <endpoint>/store`, which answers:
 *
 *   {
 *     "templates": { [templateName]: { TemplateName, TemplateContent: { Subject?, Html?, Text? }, CreatedTimestamp } },
 *     "emails": [{
 *       "messageId": "ses-123456789",          // = MessageId returned by SendEmailCommand
 *       "from": "sender@example.com",           // FromEmailAddress as given (no parsing)
 *       "replyTo": [],
 *       "destination": { "to": [...], "cc": [...], "bcc": [...] },
 *       "subject": "...",
 *       "body": { "text"?: "...", "html"?: "..." },
 *       "attachments": [],
 *       "headers"?: [{ "name": "...", "value": "..." }],
 *       "at": 1732270000                        // epoch SECONDS, not ms
 *     }]
 *   }
 *
 * `GET /store?since=<epoch seconds>` filters emails by `at`; `POST /clear-store` empties it.
 * If the SMTP_TRANSPORT environment variable is set, the server also relays mails over SMTP.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  assertPortFree,
  findFreePort,
  type LocalService,
  spawnManaged,
  startupError,
  waitUntil,
} from './processes';

const READY_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 100;

/** Shape of `GET /store` (see the file comment). */
export interface SesLocalStore {
  templates: Record<string, unknown>;
  emails: SesLocalEmail[];
}

export interface SesLocalEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  headers?: { name: string; value: string }[];
  /** Epoch seconds. */
  at: number;
}

/**
 * What the local SES answers to `GetAccount` (it reads `AWS_SES_ACCOUNT`):
 * a production account sending 100 mails a second, so newsletters pace to
 * a rate as in AWS. `NEWSLETTER_MAX_SEND_RATE` caps it below that.
 */
export const localSesAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'MARKETING',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Gridline on a laptop',
    WebsiteURL: 'http://127.0.0.1',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 1_000_000, MaxSendRate: 100, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: [] },
};

/** Absolute path of the aws-ses-v2-local CLI script (the package has no `exports`, so package.json resolves). */
function sesCliPath(): string {
  const packageJsonPath = createRequire(import.meta.url).resolve('aws-ses-v2-local/package.json');
  const packageJson = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { bin?: Record<string, string> };
  const bin = packageJson.bin?.['aws-ses-v2-local'] ?? 'dist/cli.js';
  return path.join(path.dirname(packageJsonPath), bin);
}

/**
 * Starts aws-ses-v2-local on 127.0.0.1:`options.port` (default: a free port) and resolves once
 * `GET /store` answers 200. `stop()` terminates it (SIGTERM, SIGKILL after 3 s).
 */
export async function startSesLocal(options: { port?: number } = {}): Promise<LocalService> {
  const port = options.port ?? (await findFreePort());
  await assertPortFree(port);
  const endpoint = `http://127.0.0.1:${port}`;

  const proc = spawnManaged(process.execPath, [sesCliPath(), '--port', String(port), '--host', '127.0.0.1'], {
    env: { AWS_SES_ACCOUNT: JSON.stringify(localSesAccount) },
  });

  try {
    await waitUntil(
      async () => {
        const response = await fetch(`${endpoint}/store`, { signal: AbortSignal.timeout(2000) });
        await response.body?.cancel();
        return response.status === 200;
      },
      {
        timeoutMs: READY_TIMEOUT_MS,
        intervalMs: POLL_INTERVAL_MS,
        abortReason: proc.exitReason,
        description: `SES local on ${endpoint}`,
      },
    );
  } catch (error) {
    await proc.stop();
    throw startupError('SES local (aws-ses-v2-local)', error, proc);
  }

  return { endpoint, port, stop: proc.stop };
}
