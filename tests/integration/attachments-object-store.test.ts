import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { objectStoreFromEnvironment } from '#adapters/storage/s3-object-store';
import { LOCAL_DYNAMODB_CREDENTIALS } from '../../lib/local/dynamodb-local';
import { LOCAL_ATTACHMENTS_BUCKET } from '../../lib/local/s3-local';

/** The object store as a function finds it: from the environment the local runtime sets. */
describe('the object store from the environment, on the local S3', () => {
  beforeAll(() => {
    Object.assign(process.env, {
      ATTACHMENTS_BUCKET: LOCAL_ATTACHMENTS_BUCKET,
      AWS_ENDPOINT_URL_S3: inject('s3Endpoint'),
      S3_FORCE_PATH_STYLE: 'true',
      AWS_REGION: 'local',
      AWS_ACCESS_KEY_ID: LOCAL_DYNAMODB_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey,
    });
  });

  it('writes a file and streams it back, with its size and type', async () => {
    // Prepare
    const objects = objectStoreFromEnvironment();
    const key = `t-${randomUUID()}/import/report.csv`;
    const csv = 'row,result\n1,created\n2,duplicate of 1\n';

    // Act
    await objects.write(key, csv, 'text/csv');
    const head = await objects.head(key);
    const body = await text(await objects.read(key));

    // Assess
    expect(head).toEqual({ size: Buffer.byteLength(csv), contentType: 'text/csv' });
    expect(body).toBe(csv);
  });

  it('knows no object that was never written', async () => {
    // Act
    const head = await objectStoreFromEnvironment().head(`t-${randomUUID()}/nothing.pdf`);

    // Assess
    expect(head).toBeUndefined();
  });

  it('hands out a download URL that serves the file under its name', async () => {
    // Prepare
    const objects = objectStoreFromEnvironment();
    const key = `t-${randomUUID()}/account/A/B/a.txt`;
    await objects.write(key, 'hej', 'text/plain');

    // Act
    const response = await fetch(await objects.presignDownload(key, 'Hälsning.txt', 60));

    // Assess
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hej');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Halsning.txt"; filename*=UTF-8''H%C3%A4lsning.txt`,
    );
  });
});
