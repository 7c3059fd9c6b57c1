#!/usr/bin/env node
// The production build: `npm run build` writes dist/, a tree that runs on plain `node` with
// nothing else: no tsx, no TypeScript, no node_modules, no registry.
//
//   dist/bot/main.js, dist/bot/chunks/   the service: compiled by tsc (tsconfig.build.json: bot/,
//                                     dialogs/, machines/, knowledge/; type-checked), then bundled
//                                     by esbuild with its production dependencies into one ES
//                                     module, plus the chunks loaded only when first needed (the
//                                     Redis client)
//   dist/bot/recognizer-thread.worker.js
//                                     the recognizer thread: the date recognizer and the language
//                                     detector, bundled apart (bot/recognizer-thread.ts)
//   dist/bot/reading-thread.worker.js
//                                     the reading thread: the Reading step, bundled apart
//                                     (bot/reading-thread.ts)
//   dist/knowledge/policies/**, dist/knowledge/reading/training-data/**, dist/bot/website/assets/**
//                                     every non-TypeScript file of those folders, where the code
//                                     looks for it (paths relative to import.meta.url)
//   dist/var/webchat/webchat.js       the pinned Web Chat bundle (scripts/fetch-webchat.mjs,
//                                     checksum-verified), where bot/website/webchat-bundle.ts
//                                     looks for it: ../../var/webchat/ from dist/bot/website/
//   dist/var/cache/reading-models.bin
//                                     the Reading step's trained models, so a start loads them in
//                                     milliseconds (start:prod and the image set MODEL_CACHE_DIR)
//   dist/package.json                 {"type": "module"}
//   dist/THIRD-PARTY-NOTICES.txt      the licence of every package bundled
//   dist/build-info.json              what was built, from what
//
// Why a bundle: loading ~1,750 files of node_modules one by one is a good part of a start (the
// bundle is ready with about a quarter less CPU time than tsc's plain tree; docs/deploy.md has the
// figures). `--no-bundle` writes that plain tree instead (tsc's output as it is; it then needs the
// production node_modules beside it).
//
// `npm run build -- --out <dir>` builds elsewhere (the production test builds into a temporary
// folder). The models are trained into var/cache first when the ones there are not from the
// current training data (as `npm install` does), then copied: a build after an install does not
// train again. See docs/deploy.md.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NODE_BUNDLE } from './node-bundle.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The service's folders: what tsconfig.build.json compiles, and where its data files live. */
const SERVICE = ['bot', 'dialogs', 'machines', 'knowledge'];
/** The prefix that marks a package the bundle imports when first needed (bundleService). */
const LAZY = 'clasp-lazy:';

function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  let out = join(root, 'dist');
  let bundle = true;
  for (let at = 0; at < argv.length; at++) {
    const arg = argv[at];
    if (arg === '--out') {
      const value = argv[++at];
      if (value === undefined) fail('--out needs a folder');
      out = resolve(value);
    } else if (arg.startsWith('--out=')) {
      out = resolve(arg.slice('--out='.length));
    } else if (arg === '--no-bundle') {
      bundle = false;
    } else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run build [-- --out <dir>] [--no-bundle]   (default: dist/, bundled)');
      process.exit(0);
    } else {
      fail(`unknown argument ${arg} (usage: npm run build [-- --out <dir>] [--no-bundle])`);
    }
  }
  return { out, bundle };
}

/** Runs a command in the project root, its output shown; stops the build when it fails. */
function run(what, command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.error) fail(`${what}: ${result.error.message}`);
  if (result.status !== 0) fail(`${what} failed (exit ${result.status ?? result.signal})`);
}

/** Every file under `dir`, relative to it. */
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path).map((file) => join(entry.name, file));
    return entry.isFile() ? [entry.name] : [];
  });
}

const { out, bundle } = parseArgs(process.argv.slice(2));
const started = performance.now();
const step = (name) => console.log(`build: ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);

// A clean tree every time, but never a folder that is not a build: the project, one of its
// parents, or a non-empty folder without build-info.json.
if (root === out || root.startsWith(out + sep)) fail(`refusing to build into ${out}: it contains the project`);
if (existsSync(out)) {
  if (!statSync(out).isDirectory()) fail(`${out} exists and is not a folder`);
  if (readdirSync(out).length > 0 && !existsSync(join(out, 'build-info.json'))) {
    fail(`refusing to empty ${out}: it is not a previous build (no build-info.json); remove it or choose another --out`);
  }
  rmSync(out, { recursive: true, force: true });
}
mkdirSync(out, { recursive: true });

step(`compiling the service${bundle ? ' and bundling it' : ''} into ${relative(root, out) || out}`);
// tsc type-checks and emits; bundled, into a folder of its own first.
const compiled = bundle ? mkdtempSync(join(tmpdir(), 'clasp-tsc-')) : out;
try {
  run('tsc', process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', compiled]);
  if (bundle) await bundleService(compiled, out);
} finally {
  if (bundle) rmSync(compiled, { recursive: true, force: true });
}
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ private: true, type: 'module' }, null, 2)}\n`);

step('copying the files the service reads at run time');
let copied = 0;
for (const folder of SERVICE) {
  for (const file of walk(join(root, folder))) {
    if (file.endsWith('.ts')) continue; // compiled above, or a declaration file
    mkdirSync(dirname(join(out, folder, file)), { recursive: true });
    cpSync(join(root, folder, file), join(out, folder, file));
    copied++;
  }
}
console.log(`build: ${copied} files (knowledge/policies, knowledge/reading/training-data, bot/website/assets, …)`);

step('vendoring the Web Chat bundle');
// Fetched once into var/webchat/ (checksum-verified, a no-op when it is there already), then
// copied: the built tree serves it without the registry. A build never skips it.
const { CLASP_SKIP_WEBCHAT: _skip, ...fetchEnv } = process.env;
run('fetch-webchat', process.execPath, [join(root, 'scripts', 'fetch-webchat.mjs')], fetchEnv);
mkdirSync(join(out, 'var', 'webchat'), { recursive: true });
for (const name of ['webchat.js', 'webchat.js.LICENSE.txt', 'VERSION']) {
  const from = join(root, 'var', 'webchat', name);
  if (existsSync(from)) cpSync(from, join(out, 'var', 'webchat', name));
}
if (!existsSync(join(out, 'var', 'webchat', 'webchat.js'))) fail('var/webchat/webchat.js is missing after fetch-webchat');

step('the trained reading models');
// scripts/train-models.ts is a no-op when var/cache already holds models trained from the
// current training data (the usual case after `npm install`); otherwise it trains them (about a
// minute on two cores). The environment's MODEL_CACHE_DIR is not the build's business.
const devCache = join(root, 'var', 'cache');
run('train-models', process.execPath, ['--import', 'tsx', join(root, 'scripts', 'train-models.ts')], { ...process.env, MODEL_CACHE_DIR: devCache });
const models = join(devCache, 'reading-models.bin');
if (!existsSync(models)) fail(`${models} is missing after train-models`);
mkdirSync(join(out, 'var', 'cache'), { recursive: true });
cpSync(models, join(out, 'var', 'cache', 'reading-models.bin'));
// The cache keeps its file private to the user who trained it; the built tree is read by whoever
// runs it (the image's non-root user, not the root who built it).
chmodSync(join(out, 'var', 'cache', 'reading-models.bin'), 0o644);
// The file starts with its JSON header's length, then the header (bot/reading-models.store.ts).
const modelBytes = readFileSync(models);
const { key: readingModelsKey } = JSON.parse(modelBytes.toString('utf8', 4, 4 + modelBytes.readUInt32LE(0)));

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const webchatVersion = join(out, 'var', 'webchat', 'VERSION');
const webchat = existsSync(webchatVersion) ? readFileSync(webchatVersion, 'utf8').trim() : 'botframework-webchat';
writeFileSync(
  join(out, 'build-info.json'),
  `${JSON.stringify({ name: pkg.name, version: pkg.version, builtAt: new Date().toISOString(), node: process.version, bundled: bundle, webchat, readingModelsKey }, null, 2)}\n`,
);
const shown = (path) => (relative(root, path).startsWith('..') ? path : relative(root, path));
step(`done: ${shown(out)} (run it: MODEL_CACHE_DIR=${shown(join(out, 'var', 'cache'))} node ${shown(join(out, 'bot', 'main.js'))}${out === join(root, 'dist') ? ', or npm run start:prod' : ''})`);

/**
 * Bundles tsc's output (entry bot/main.js) with its dependencies into `out`/bot/main.js and
 * `out`/bot/chunks/, and writes THIRD-PARTY-NOTICES.txt.
 */
async function bundleService(compiled, out) {
  const esbuild = await import('esbuild');
  const entryDir = join(out, 'bot');
  // The service finds its data files relative to import.meta.url (knowledge/policies/,
  // training-data/, assets/, var/webchat/): in the bundle each module's import.meta.url becomes
  // the URL its file has in the plain tree, relative to the bundle.
  const relocated = new Set();
  const service = {
    name: 'clasp-service',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, (args) => {
        if (!args.path.startsWith(compiled + sep)) return undefined;
        let source = readFileSync(args.path, 'utf8');
        if (source.includes('import.meta.url')) {
          relocated.add(args.path);
          const own = relative(entryDir, join(out, relative(compiled, args.path))).split(sep).join('/').replace(/^(?!\.)/, './');
          source = source.replaceAll('import.meta.url', `new URL(${JSON.stringify(own)}, import.meta.url).href`);
        }
        // A package imported when first needed, `import('tinyld')`: split into a chunk, the
        // import gives only what the chunk exports, and for a CommonJS package esbuild's chunk
        // exports only `default` where Node would give its named exports too. So the chunk is a
        // module whose default is the package's whole namespace (named exports included, as
        // `import * as` gives them), unwrapped where it is imported.
        source = source.replace(/\bimport\((['"])([^./'"][^'"]*)\1\)/g, (_, quote, specifier) => `import(${quote}${LAZY}${specifier}${quote}).then((lazy) => lazy.default)`);
        return { contents: source, loader: 'js', resolveDir: dirname(args.path) };
      });
      build.onResolve({ filter: new RegExp(`^${LAZY}`) }, (args) => ({ path: args.path.slice(LAZY.length), namespace: 'clasp-lazy' }));
      build.onLoad({ filter: /.*/, namespace: 'clasp-lazy' }, (args) => ({
        contents: `import * as lazy from ${JSON.stringify(args.path)};\nexport default lazy;\n`,
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
  const shared = {
    ...NODE_BUNDLE,
    absWorkingDir: root,
    // tsc's output sits in a temporary folder: the packages are the project's.
    nodePaths: [join(root, 'node_modules')],
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  };
  const result = await esbuild.build({
    ...shared,
    entryPoints: [join(compiled, 'bot', 'main.js')],
    outdir: entryDir,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    // What only some deployments need (the Redis client) stays in chunks, read and compiled when
    // first imported (see the plugin above).
    splitting: true,
    plugins: [service],
  }).catch((error) => fail(`esbuild: ${error.message.split('\n')[0]}`));
  // A module that reads a file relative to itself must be in bot/main.js, where its URL was
  // computed from; one moved into a chunk would look in the wrong folder.
  const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint !== undefined);
  const inEntry = new Set(Object.keys(entry?.[1].inputs ?? {}).map((input) => resolve(root, input)));
  const misplaced = [...relocated].filter((path) => !inEntry.has(path));
  if (misplaced.length > 0) fail(`modules that read files relative to themselves ended up in a chunk: ${misplaced.map((path) => relative(compiled, path)).join(', ')}`);
  // The recognizer thread (bot/recognizer-thread.ts) starts its worker from the file
  // beside its own place in the plain tree: a bundle of its own, with the date recognizer and the
  // language detector, which the service's thread no longer loads.
  const worker = 'bot/recognizer-thread.worker.js';
  const workerResult = await esbuild.build({ ...shared, entryPoints: [join(compiled, worker)], outfile: join(out, worker) }).catch((error) =>
    fail(`esbuild (recognizer thread): ${error.message.split('\n')[0]}`),
  );
  // The reading thread (bot/reading-thread.ts) starts its worker from the file beside main.js: a
  // bundle of its own with the Reading step, its data files found as from main.js.
  const reading = 'bot/reading-thread.worker.js';
  const readingResult = await esbuild.build({ ...shared, entryPoints: [join(compiled, reading)], outfile: join(out, reading), plugins: [service] }).catch(
    (error) => fail(`esbuild (reading thread): ${error.message.split('\n')[0]}`),
  );
  writeNotices([result.metafile, workerResult.metafile, readingResult.metafile], out);
}

/** THIRD-PARTY-NOTICES.txt: each bundled package's name, version, licence and licence text. */
function writeNotices(metafiles, out) {
  const packages = new Map();
  for (const input of metafiles.flatMap((metafile) => Object.keys(metafile.inputs))) {
    const path = resolve(root, input);
    const at = path.lastIndexOf(`${sep}node_modules${sep}`);
    if (at < 0) continue;
    const rest = path.slice(at + '/node_modules/'.length).split(sep);
    const dir = join(path.slice(0, at), 'node_modules', ...rest.slice(0, rest[0]?.startsWith('@') ? 2 : 1));
    if (!packages.has(dir)) packages.set(dir, undefined);
  }
  const sections = [...packages.keys()]
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const licenceFile = readdirSync(dir).find((name) => /^(licen[cs]e|copying|notice)/i.test(name));
      const text = licenceFile ? readFileSync(join(dir, licenceFile), 'utf8').trim() : `(no licence file in the package; package.json says ${JSON.stringify(pkg.license ?? 'nothing')})`;
      return { id: `${pkg.name}@${pkg.version}`, license: typeof pkg.license === 'string' ? pkg.license : pkg.license === undefined ? 'licence not stated' : JSON.stringify(pkg.license), text };
    })
    .sort((a, b) => a.id.localeCompare(b.id))
    .filter((section, at, all) => at === 0 || all[at - 1].id !== section.id);
  const header = `Clasp's production bundle (bot/main.js, bot/chunks/, bot/recognizer-thread.worker.js and bot/reading-thread.worker.js) includes these ${sections.length} packages.\nThe Web Chat bundle served to browsers has its own notices in var/webchat/webchat.js.LICENSE.txt.\n`;
  writeFileSync(join(out, 'THIRD-PARTY-NOTICES.txt'), [header, ...sections.map((section) => `${'='.repeat(78)}\n${section.id} (${section.license})\n\n${section.text}\n`)].join('\n'));
}
