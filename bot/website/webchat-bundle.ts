import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Where scripts/fetch-webchat.mjs puts the bundle: var/webchat/ at the project root. */
export const DEFAULT_WEBCHAT_BUNDLE = fileURLToPath(new URL('../../var/webchat/webchat.js', import.meta.url));

export interface WebChatBundle {
  /** The bundle and its gzip, read once; undefined while the file is missing. */
  get(): { raw: Buffer; gzip: Buffer; etag: string } | undefined;
}

/**
 * The Web Chat bundle, loaded on first use (so fetching it after start-up works without a
 * restart) and gzipped once: 3.9 MB becomes about 1 MB on the wire.
 */
export function createWebChatBundle(path: string = DEFAULT_WEBCHAT_BUNDLE): WebChatBundle {
  let loaded: { raw: Buffer; gzip: Buffer; etag: string; mtimeMs: number } | undefined;
  return {
    get() {
      if (!existsSync(path)) return undefined;
      const { mtimeMs, size } = statSync(path);
      if (loaded === undefined || loaded.mtimeMs !== mtimeMs) {
        const raw = readFileSync(path);
        loaded = { raw, gzip: gzipSync(raw, { level: 9 }), etag: `"webchat-${size}-${Math.trunc(mtimeMs)}"`, mtimeMs };
      }
      return loaded;
    },
  };
}
