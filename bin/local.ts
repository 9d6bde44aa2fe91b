import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startLocalRuntime } from '../lib/local/runtime';
import { demoChannels } from '../lib/local/seed-service';
import { LOCAL_STACK_NAME } from '../lib/local/sqs-local';

/** `npm start`: the whole system on 127.0.0.1, seeded, until Ctrl-C. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const projectRoot = path.resolve(import.meta.dirname, '..');
const stateDir = path.join(projectRoot, '.local');

const runtime = await startLocalRuntime({
  projectRoot,
  stateDir,
  apiPort: Number(process.env.PORT ?? 3000),
  realTimeScheduler: true,
  demoContracts: true,
});

const facts = {
  apiUrl: runtime.apiUrl,
  docsUrl: runtime.docsUrl,
  openApiUrl: `${runtime.apiUrl}/openapi.json`,
  mailboxUrl: runtime.mailboxUrl,
  smsUrl: runtime.smsUrl,
  signiUrl: runtime.signiUrl,
  registersUrl: runtime.registersUrl,
  inboundMailUrl: runtime.inboundMailUrl,
  /** For `npm run dlq`: SQS's API over the local queues, named as a stack of this name's are. */
  operationsUrl: runtime.operationsUrl,
  sqsEndpoint: runtime.sqsEndpoint,
  stackName: LOCAL_STACK_NAME,
  /** For `npm run backfill:lookup-owners`: the table on DynamoDB Local. */
  dynamoEndpoint: runtime.dynamoEndpoint,
  tableName: runtime.tableName,
  webForms: Object.entries(demoChannels).map(([tenantId, c]) => ({
    tenantId,
    url: `${runtime.apiUrl}/v1/public/forms/${c.formKey}/cases`,
  })),
  socialWebhook: {
    url: `${runtime.apiUrl}/v1/webhooks/social/meta`,
    appSecret: runtime.social.appSecret,
    verifyToken: runtime.social.verifyToken,
    pages: Object.entries(demoChannels).map(([tenantId, c]) => ({ tenantId, pageId: c.pageId })),
  },
  tenants: runtime.tenants,
  leadSources: runtime.leadSources.map((source) => ({
    tenantId: source.tenantId,
    name: source.name,
    webhookUrl: `${runtime.apiUrl}${source.webhookPath}`,
    signingSecret: source.signingSecret,
    samplePayload: source.samplePayload,
  })),
};
mkdirSync(stateDir, { recursive: true });
writeFileSync(path.join(stateDir, 'runtime.json'), `${JSON.stringify(facts, null, 2)}\n`);

console.log(`
Gridline is running locally.

  API       ${facts.apiUrl}/v1
  Docs      ${facts.docsUrl}   (OpenAPI: ${facts.openApiUrl})
  Mailbox   ${facts.mailboxUrl}   (e-mails sent through local SES)
  SMS       ${facts.smsUrl}   (text messages sent locally)
  Signi     ${facts.signiUrl}   (documents sent for e-signature: sign, reject or let expire)
  Registers ${facts.registersUrl}   (RPO and Bolagsverket stand-in, answering from events/registers/)
  Mail in   ${facts.inboundMailUrl}   (POST a raw RFC 5322 message, as SES receipt delivers it)
  Operator  ${facts.operationsUrl}   (queues, dead letters, failures, scheduled jobs; npm run dlq -- list)
`);
for (const tenant of runtime.tenants) {
  console.log(`  ${tenant.name} (tenant ${tenant.id}), admin bearer token:\n  ${tenant.adminToken}\n`);
  if (tenant.technicianToken)
    console.log(`  its technician's token (GET /v1/me/appointments?date=…):\n  ${tenant.technicianToken}\n`);
}
console.log(`  Lead webhooks (signing secrets in .local/runtime.json): ${facts.leadSources.map((s) => s.webhookUrl).join('  ')}
  Send a signed sample lead:  ${runtime.tenants.map((t) => `npm run send-lead -- ${t.id}`).join('   ')}
`);
console.log(`Try:  curl -H "Authorization: Bearer $TOKEN" "${facts.apiUrl}/v1/accounts"
The same facts are in .local/runtime.json. Ctrl-C stops everything.`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await runtime.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
