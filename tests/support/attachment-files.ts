import { S3Client } from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import { S3ObjectStore, s3ClientConfig } from '#adapters/storage/s3-object-store';
import { LOCAL_DYNAMODB_CREDENTIALS } from '../../lib/local/dynamodb-local';
import { LOCAL_ATTACHMENTS_BUCKET } from '../../lib/local/s3-local';

/** The object store of the run's local S3, where attachments' files go. */
export function localObjectStore(): S3ObjectStore {
  const client = new S3Client({
    ...s3ClientConfig({ S3_FORCE_PATH_STYLE: 'true' }),
    endpoint: inject('s3Endpoint'),
    region: 'local',
    credentials: LOCAL_DYNAMODB_CREDENTIALS,
  });
  return new S3ObjectStore({ client, bucket: LOCAL_ATTACHMENTS_BUCKET });
}

/** PUTs the bytes to an upload ticket as a browser or client would; answers the status. */
export async function upload(
  ticket: { url: string; method: string; headers: Record<string, string> },
  bytes: Buffer,
): Promise<number> {
  const response = await fetch(ticket.url, { method: ticket.method, headers: ticket.headers, body: bytes });
  await response.body?.cancel();
  return response.status;
}
