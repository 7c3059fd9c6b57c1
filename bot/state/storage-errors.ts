/** A write whose eTag no longer matches the stored item: another turn saved it first. */
export class StorageConflictError extends Error {
  constructor(readonly key: string) {
    super(`Storage: "${key}" was changed by another writer (eTag conflict)`);
    this.name = 'StorageConflictError';
  }
}

/** Ours, or botbuilder's own MemoryStorage, which throws a plain Error naming the eTag conflict. */
export function isStorageConflict(error: unknown): boolean {
  return error instanceof StorageConflictError || (error instanceof Error && /eTag conflict/i.test(error.message));
}

/** The store could not be reached (Redis down or too slow): nothing was read or written. */
export class StorageUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`Storage unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StorageUnavailableError';
  }
}
