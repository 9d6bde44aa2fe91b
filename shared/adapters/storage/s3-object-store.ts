import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStore } from '#domain/storage/object-store';
import { attachmentDisposition } from './content-disposition';

export interface S3ObjectStoreOptions {
  readonly client: S3Client;
  readonly bucket: string;
}

/**
 * The object store on S3. Upload URLs are pre-signed PUTs with the content
 * type and the content length among the signed headers: S3 refuses a PUT
 * whose `Content-Type` or `Content-Length` differs, so the client can upload
 * exactly the declared file and nothing bigger. (A pre-signed POST policy
 * could allow a size range instead; an exact size is simpler and enough,
 * since the client declares the size before it uploads.)
 */
export class S3ObjectStore implements ObjectStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3ObjectStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
  }

  /** `maxBytes` is signed as the exact `Content-Length` the PUT must have. */
  presignUpload(key: string, contentType: string, maxBytes: number, expiresInSeconds: number) {
    return getSignedUrl(
      this.client,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: contentType,
        ContentLength: maxBytes,
      }),
      { expiresIn: expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
    );
  }

  presignDownload(key: string, fileName: string, expiresInSeconds: number) {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: attachmentDisposition(fileName),
      }),
      { expiresIn: expiresInSeconds },
    );
  }

  async head(key: string) {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        size: head.ContentLength ?? 0,
        ...(head.ContentType !== undefined ? { contentType: head.ContentType } : {}),
      };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async read(key: string): Promise<Readable> {
    const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!(Body instanceof Readable)) throw new Error(`object ${key} has no readable body`);
    return Body;
  }

  async write(key: string, body: string | Buffer, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  /** 5 MiB parts (S3's least), two in flight: a few parts' worth of memory whatever the file's size. */
  async writeStream(key: string, body: Readable, contentType: string): Promise<void> {
    await new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: contentType },
      partSize: 5 * 1024 * 1024,
      queueSize: 2,
    }).done();
  }
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)
  );
}

/**
 * The S3 client configuration every function uses. Checksums are computed
 * only where S3 requires them: by default the SDK would sign a CRC32 of the
 * (empty) body into every pre-signed PUT, and S3 would refuse the real file.
 */
export function s3ClientConfig(env: NodeJS.ProcessEnv = process.env): S3ClientConfig {
  return {
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

let fromEnvironment: S3ObjectStore | undefined;

/**
 * The bucket named by `ATTACHMENTS_BUCKET`, created once per Lambda container.
 * The endpoint comes from the SDK's own configuration (`AWS_ENDPOINT_URL_S3`
 * locally, with `S3_FORCE_PATH_STYLE=true`), so this is the same code in the
 * cloud and on a laptop.
 */
export function objectStoreFromEnvironment(): S3ObjectStore {
  if (!fromEnvironment) {
    const bucket = process.env.ATTACHMENTS_BUCKET;
    if (!bucket) throw new Error('ATTACHMENTS_BUCKET is not set');
    fromEnvironment = new S3ObjectStore({ client: new S3Client(s3ClientConfig()), bucket });
  }
  return fromEnvironment;
}
