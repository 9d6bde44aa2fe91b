import { monotonicFactory } from 'ulid';
import type { IdGenerator } from '#domain/ports';

/** ULIDs, as the services make them, and the list of every one handed out (in order). */
export function recordingIds(): IdGenerator & { readonly issued: string[] } {
  const ulid = monotonicFactory();
  const issued: string[] = [];
  return {
    issued,
    next: () => {
      const id = ulid();
      issued.push(id);
      return id;
    },
  };
}
