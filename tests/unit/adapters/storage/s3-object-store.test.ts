import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3ObjectStore, s3ClientConfig } from '#adapters/storage/s3-object-store';

// Pre-signing is local computation: no request leaves the process.
function store(env: NodeJS.ProcessEnv = {}) {
  const client = new S3Client({
    ...s3ClientConfig(env),
    region: 'eu-north-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
  return new S3ObjectStore({ client, bucket: 'gridline-attachments' });
}

describe('S3ObjectStore', () => {
  it('signs the content type and the exact length into an upload URL, and no checksum of an empty body', async () => {
    // Act
    const url = new URL(await store().presignUpload('t1/account/A/B/a.pdf', 'application/pdf', 4821, 900));

    // Assess
    expect(url.host).toBe('gridline-attachments.s3.eu-north-1.amazonaws.com');
    expect(url.pathname).toBe('/t1/account/A/B/a.pdf');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect([...url.searchParams.keys()].filter((k) => k.toLowerCase().includes('checksum'))).toEqual([]);
  });

  it('names the file of a download URL and lets it expire', async () => {
    // Act
    const url = new URL(await store().presignDownload('t1/account/A/B/a.pdf', 'Avtal Å.pdf', 300));

    // Assess
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="Avtal A.pdf"; filename*=UTF-8''Avtal%20%C3%85.pdf`,
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
  });

  it('addresses the bucket in the path when S3_FORCE_PATH_STYLE is true, as local servers need', async () => {
    // Act
    const url = new URL(await store({ S3_FORCE_PATH_STYLE: 'true' }).presignDownload('k/a.txt', 'a.txt', 60));

    // Assess
    expect(url.host).toBe('s3.eu-north-1.amazonaws.com');
    expect(url.pathname).toBe('/gridline-attachments/k/a.txt');
  });
});
