import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signWebhook } from '#domain/sales/leads/webhook-signature';

/**
 * `npm run send-lead -- <tenantId> [payload.json]`: signs a lead portal's
 * delivery with the demo lead source's secret (from the running system's
 * .local/runtime.json) and posts it, as the portal would. Without a file it
 * sends the source's sample, written for the tenant's country.
 */
const projectRoot = path.resolve(import.meta.dirname, '..');
const [tenantId = 'norrsken', file] = process.argv.slice(2);
const facts = JSON.parse(readFileSync(path.join(projectRoot, '.local', 'runtime.json'), 'utf8')) as {
  leadSources: { tenantId: string; webhookUrl: string; signingSecret: string; samplePayload: string }[];
};
const source = facts.leadSources.find((s) => s.tenantId === tenantId);
if (!source) throw new Error(`no demo lead source for tenant ${tenantId}; is \`npm start\` running?`);

const body = readFileSync(path.resolve(projectRoot, file ?? source.samplePayload), 'utf8');
const id = `msg_${randomUUID()}`;
const now = new Date();
const response = await fetch(source.webhookUrl, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': signWebhook(source.signingSecret, id, now, body),
  },
  body,
});
console.log(response.status, await response.text());
