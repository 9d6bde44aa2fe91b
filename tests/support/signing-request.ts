import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SigningRequest } from '#domain/contracts/e-signature';

/** A recorded Signi sample from `events/signi/`, parsed. */
export function signiSample<T = unknown>(name: string): T {
  const file = path.resolve(import.meta.dirname, '../../events/signi', name);
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** The smallest file Signi takes for a PDF: its header, one empty page, its trailer. */
export const samplePdf = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** The request whose `data` part is `events/signi/create-request-data.json`, with its callback URL. */
export function sampleSigningRequest(callbackUrl = sampleCallbackUrl): SigningRequest {
  return {
    contractId: '01JF7Q2M8X4T3B9V6N5K0PZR1C',
    number: '2026-000042',
    name: 'Zmluva o združenej dodávke elektriny — Pekáreň Hviezdoslav s.r.o.',
    locale: 'sk',
    document: { fileName: 'zmluva-2026-000042.pdf', content: samplePdf },
    proposer: {
      firstName: 'Zuzana',
      lastName: 'Mrázová',
      email: 'zuzana.mrazova@tatra-energia.sk',
      phone: '+421905123456',
    },
    signers: [
      {
        firstName: 'Ján',
        lastName: 'Kováč',
        email: 'jan.kovac@pekaren-hviezdoslav.sk',
        phone: '+421907654321',
      },
      { firstName: 'Mária', lastName: 'Horváthová', email: 'maria.horvathova@pekaren-hviezdoslav.sk' },
    ],
    signingOrder: 'proposers_before_counterparties',
    callbackUrl,
  };
}

export const sampleCallbackUrl =
  'https://api.gridline.example/v1/webhooks/e-signature?token=Vb4rQd8nZ2kT6yLm0sXw1pHc';
