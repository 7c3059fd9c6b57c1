#!/usr/bin/env node
// Fetches the prebuilt Bot Framework Web Chat browser bundle that the storefront pages serve
// (GET /webchat.js) into var/webchat/, from the npm registry, with npm itself (`npm pack`), so
// the 486 MB dependency tree never lands in node_modules and the bundle is never committed.
//
// Idempotent: a bundle whose checksum matches the pinned one is left alone. Runs as `postinstall`
// (so `npm ci` on a fresh clone gets it) and by hand: `npm run fetch:webchat`.
// CLASP_SKIP_WEBCHAT=1 skips it (the pages then answer 503 for /webchat.js until it is fetched).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

const PACKAGE = 'botframework-webchat';
const VERSION = '4.18.1';
// The files taken from the tarball, and the checksum of the bundle this project was tested with.
const BUNDLE = 'package/dist/webchat.js';
const LICENSE = 'package/dist/webchat.js.LICENSE.txt';
const BUNDLE_SHA256 = '0a68ad0a64fc04d621197da10c3eec0f843e16f7d03f6bcbed29b47517cf9bff';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const targetDir = join(root, 'var', 'webchat');
const target = join(targetDir, 'webchat.js');

function fail(message) {
  console.error(`fetch-webchat: ${message}`);
  console.error(`fetch-webchat: the storefront pages need ${PACKAGE}@${VERSION}'s dist/webchat.js in var/webchat/.`);
  console.error('fetch-webchat: fix the cause and run `npm run fetch:webchat`, or set CLASP_SKIP_WEBCHAT=1 to install without it.');
  process.exit(1);
}

function sha256(buffer) {
  return createHash('sha256').update(buffer).digest('hex');
}

if (process.env.CLASP_SKIP_WEBCHAT === '1') {
  console.log('fetch-webchat: skipped (CLASP_SKIP_WEBCHAT=1)');
  process.exit(0);
}

if (existsSync(target) && sha256(readFileSync(target)) === BUNDLE_SHA256) {
  console.log(`fetch-webchat: var/webchat/webchat.js is ${PACKAGE}@${VERSION} already`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'clasp-webchat-'));
try {
  // Under `npm ci`/`npm install`, npm_execpath is the npm that is running: use the same one.
  const npmCli = process.env.npm_execpath;
  const [command, args] = npmCli && /npm-cli\.js$/.test(npmCli)
    ? [process.execPath, [npmCli]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  const packed = spawnSync(command, [...args, 'pack', `${PACKAGE}@${VERSION}`, '--pack-destination', work, '--loglevel=error', '--ignore-scripts'], {
    cwd: work,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (packed.error) fail(`could not run npm: ${packed.error.message}`);
  if (packed.status !== 0) fail(`npm pack ${PACKAGE}@${VERSION} failed (exit ${packed.status}):\n${packed.stderr.trim()}`);
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (!tarball) fail(`npm pack ${PACKAGE}@${VERSION} produced no tarball`);

  const files = await extract(join(work, tarball), new Set([BUNDLE, LICENSE]));
  const bundle = files.get(BUNDLE);
  if (!bundle) fail(`${BUNDLE} is not in the ${PACKAGE}@${VERSION} tarball`);
  const digest = sha256(bundle);
  if (digest !== BUNDLE_SHA256) fail(`${BUNDLE} has checksum ${digest}, expected ${BUNDLE_SHA256}; refusing to serve it`);

  mkdirSync(targetDir, { recursive: true });
  // Write beside and rename, so a server never serves half a bundle.
  writeFileSync(`${target}.partial`, bundle);
  renameSync(`${target}.partial`, target);
  const license = files.get(LICENSE);
  if (license) writeFileSync(join(targetDir, 'webchat.js.LICENSE.txt'), license);
  writeFileSync(join(targetDir, 'VERSION'), `${PACKAGE}@${VERSION}\n`);
  console.log(`fetch-webchat: wrote var/webchat/webchat.js (${PACKAGE}@${VERSION}, ${(bundle.length / 1e6).toFixed(1)} MB)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Reads the wanted regular files out of a .tgz, streaming: the package unpacks to 160 MB. */
async function extract(path, wanted) {
  const found = new Map();
  let pending = Buffer.alloc(0);
  let entry = null; // { name, size, remaining, chunks }
  let longName = null;
  const gunzip = createReadStream(path).pipe(createGunzip());
  for await (const chunk of gunzip) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (;;) {
      if (entry) {
        const take = Math.min(entry.remaining, pending.length);
        if (entry.chunks) entry.chunks.push(pending.subarray(0, take));
        entry.remaining -= take;
        pending = pending.subarray(take);
        if (entry.remaining > 0) break;
        if (entry.chunks) {
          const data = Buffer.concat(entry.chunks);
          if (entry.type === 'L') longName = data.toString('utf8').replace(/\0.*$/s, '');
          else found.set(entry.name, data);
        }
        entry = { name: '', remaining: entry.padding, padding: 0, chunks: null, type: 'pad' };
        if (entry.remaining === 0) entry = null;
        continue;
      }
      if (pending.length < 512) break;
      const header = pending.subarray(0, 512);
      pending = pending.subarray(512);
      if (header.every((byte) => byte === 0)) continue;
      const field = (start, length) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
      const size = parseInt(field(124, 12).trim() || '0', 8);
      const type = field(156, 1) || '0';
      const prefix = field(345, 155);
      const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
      if (type !== 'L') longName = null;
      const keep = type === 'L' || ((type === '0' || type === '') && wanted.has(name));
      entry = { name, type, remaining: size, padding: (512 - (size % 512)) % 512, chunks: keep ? [] : null };
      if (size === 0) {
        if (keep && type !== 'L') found.set(name, Buffer.alloc(0));
        entry = entry.padding > 0 ? { ...entry, remaining: entry.padding, padding: 0, chunks: null } : null;
      }
    }
    if (found.size === wanted.size) {
      gunzip.destroy();
      break;
    }
  }
  return found;
}
