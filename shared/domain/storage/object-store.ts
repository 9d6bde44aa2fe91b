import type { Readable } from 'node:stream';

/**
 * Files (attachments, import uploads, import reports) in the object store:
 * S3 in the cloud, an S3-compatible local server on a laptop. Keys always
 * start with the tenant id.
 */
export interface ObjectStore {
  /** A URL the client PUTs the file to, limited to the content type and size given. */
  presignUpload(
    key: string,
    contentType: string,
    maxBytes: number,
    expiresInSeconds: number,
  ): Promise<string>;
  /** A URL the client GETs the file from, with a download file name. */
  presignDownload(key: string, fileName: string, expiresInSeconds: number): Promise<string>;
  /** Size and content type of a stored object, or undefined when there is none. */
  head(key: string): Promise<{ readonly size: number; readonly contentType?: string } | undefined>;
  /** Streams an object (imports read 100k-row files this way, never whole). */
  read(key: string): Promise<Readable>;
  write(key: string, body: string | Buffer, contentType: string): Promise<void>;
  /** Writes a stream of unknown length in parts (a multipart upload): memory stays bounded by one part. */
  writeStream(key: string, body: Readable, contentType: string): Promise<void>;
}
