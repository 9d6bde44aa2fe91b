import { build } from 'esbuild';
import type { DocumentLibrary } from '../topology-types';
import { bundleOptions, type FunctionBundle } from './function-bundles';

/**
 * The least a function's bundle can be: the AWS SDK clients it talks to, the
 * runtime every function shares (Powertools logger and metrics, middy, zod), and
 * the document libraries that are the function's purpose (declared in the
 * topology). Each part is imported and used, so tree shaking keeps what a real
 * caller keeps and nothing more. ADR 0022 says why the runtime is in the floor.
 */
const sdkParts: Readonly<Record<string, string>> = {
  '@aws-sdk/client-dynamodb': `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; use(new DynamoDBClient({}));`,
  '@aws-sdk/lib-dynamodb': `import { DynamoDBClient as DocumentBase } from '@aws-sdk/client-dynamodb'; import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'; use(DynamoDBDocumentClient.from(new DocumentBase({})));`,
  '@aws-sdk/client-s3': `import { S3Client } from '@aws-sdk/client-s3'; use(new S3Client({}));`,
  '@aws-sdk/lib-storage': `import { Upload } from '@aws-sdk/lib-storage'; use(Upload);`,
  '@aws-sdk/s3-request-presigner': `import { getSignedUrl } from '@aws-sdk/s3-request-presigner'; use(getSignedUrl);`,
  '@aws-sdk/client-eventbridge': `import { EventBridgeClient } from '@aws-sdk/client-eventbridge'; use(new EventBridgeClient({}));`,
  '@aws-sdk/client-sqs': `import { SQSClient } from '@aws-sdk/client-sqs'; use(new SQSClient({}));`,
  '@aws-sdk/client-sesv2': `import { SESv2Client } from '@aws-sdk/client-sesv2'; use(new SESv2Client({}));`,
  '@aws-sdk/client-scheduler': `import { SchedulerClient } from '@aws-sdk/client-scheduler'; use(new SchedulerClient({}));`,
  '@aws-sdk/client-secrets-manager': `import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager'; use(new SecretsManagerClient({}));`,
  '@aws-sdk/client-cognito-identity-provider': `import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'; use(new CognitoIdentityProviderClient({}));`,
  '@aws-sdk/client-pinpoint-sms-voice-v2': `import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2'; use(new PinpointSMSVoiceV2Client({}));`,
};

/** The libraries a function may name as its purpose; each counts in its floor. */
const documentLibraryParts: Readonly<Record<DocumentLibrary, string>> = {
  // The class, not a document: a document reads its standard fonts from pdfkit's folder at once.
  pdfkit: `import PDFDocument from 'pdfkit'; use(PDFDocument);`,
  exceljs: `import ExcelJS from 'exceljs'; use(new ExcelJS.Workbook());`,
  'csv-parse': `import { parse } from 'csv-parse'; use(parse());`,
  'postal-mime': `import PostalMime from 'postal-mime'; use(PostalMime.parse);`,
  'sanitize-html': `import sanitizeHtml from 'sanitize-html'; use(sanitizeHtml);`,
};

const sharedRuntime = `import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import * as z from 'zod';
use(middy(() => undefined), new Logger(), new Metrics(), z.object({ id: z.string() }));`;

/** The SDK packages a bundle carries code of: the clients the function talks to. */
export function sdkPackagesOf(bundle: FunctionBundle): string[] {
  return Object.keys(bundle.packageBytes)
    .filter(
      (name) => name in sdkParts || /^@aws-sdk\/(client|lib)-/.test(name) || name.endsWith('-presigner'),
    )
    .sort();
}

/** The floor's source: one import-and-use per part, in a stable order. */
export function floorSource(
  sdkPackages: readonly string[],
  libraries: readonly DocumentLibrary[],
  { sharedRuntime: withRuntime = true } = {},
): string {
  const parts = sdkPackages.map((name) => {
    const part = sdkParts[name];
    if (part === undefined) throw new Error(`no floor part for ${name}: add it to sdkParts`);
    return part;
  });
  return [
    'const used = []; const use = (...values) => used.push(...values); export { used };',
    ...(withRuntime ? [sharedRuntime] : []),
    ...parts,
    ...libraries.map((library) => documentLibraryParts[library]),
  ].join('\n');
}

/** Builds a floor with the functions' own bundle options; returns it with its size. */
export async function buildFloor(
  projectRoot: string,
  source: string,
): Promise<{ readonly bytes: number; readonly code: Uint8Array }> {
  const result = await build({
    ...bundleOptions,
    stdin: { contents: source, resolveDir: projectRoot, loader: 'js', sourcefile: 'floor.js' },
    outfile: 'floor.mjs',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('no floor bundle');
  return { bytes: output.contents.byteLength, code: output.contents };
}
