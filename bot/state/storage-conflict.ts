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
