import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { topology } from '../../../lib/topology';
import type { FunctionAccess } from '../../../lib/topology-types';

/**
 * An environment part (`#runtime/environment/<part>`) reads settings only
 * the stack gives a function with the matching access; locally every
 * function shares one process and one environment, so a function missing
 * its access would work in tests and fail at its first cold start in AWS.
 */
const accessFor: Readonly<Record<string, (access: FunctionAccess) => boolean>> = {
  table: (a) => a.table !== undefined,
  objects: (a) => a.bucket !== undefined,
  contracts: (a) => a.table !== undefined && a.bucket !== undefined && a.eSignature === true,
  'e-signature': (a) => a.eSignature === true,
  scheduler: (a) => a.manageSchedulesFor !== undefined,
  directory: (a) => a.cognitoAdmin === true,
  geocoder: (a) => (a.secrets ?? []).includes('mapy-api-key'),
  'company-register': (a) => (a.secrets ?? []).includes('bolagsverket-client'),
  mailer: (a) => a.sendEmail === true,
  sms: (a) => a.sendSms === true,
  'webhook-secrets': (a) => a.webhookSecrets !== undefined,
  'case-timers': (a) => a.manageSchedulesFor === 'case-timers',
  'page-queue': (a) => a.sendToQueue === 'newsletter-sends',
  'send-starts': (a) => a.scheduleToQueue === 'newsletter-sends',
  'unsubscribe-links': (a) => (a.secrets ?? []).includes('unsubscribe-signing-key'),
  // Parts that read no setting of the stack: pdfkit with the fonts carried as package files, and postal-mime.
  renderer: () => true,
  'mail-parser': () => true,
  'social-secrets': (a) =>
    ['meta-app-secret', 'meta-verify-token'].every((s) => (a.secrets ?? []).includes(s)),
};

const projectRoot = path.resolve(import.meta.dirname, '../../..');

describe('the functions of the topology', () => {
  it('have the access each environment part they use needs', () => {
    const missing = topology.functions.flatMap((fn) => {
      const source = readFileSync(path.join(projectRoot, fn.entry), 'utf8');
      const parts = [...source.matchAll(/#runtime\/environment\/([a-z-]+)'/g)].map((m) => m[1] as string);
      return parts.filter((part) => !accessFor[part]?.(fn.access)).map((part) => `${fn.name}: ${part}`);
    });

    expect(missing).toEqual([]);
  });
});
