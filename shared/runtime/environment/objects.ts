import { objectStoreFromEnvironment } from '#adapters/storage/s3-object-store';
import type { ObjectStore } from '#domain/storage/object-store';

/** The files bucket named by `ATTACHMENTS_BUCKET`, once per container. */
export const environmentObjects = (): ObjectStore => objectStoreFromEnvironment();
