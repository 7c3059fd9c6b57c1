// How the production build bundles for Node (scripts/build.mjs): one ES module per entry, for the
// Node version package.json's engines names. bench/startup.ts bundles the stock echo bot with the
// same settings, so the start-up it is compared against is a bundle's too.
export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.12',
  // CommonJS dependencies in an ES module: their require() of Node's modules, and __dirname and
  // __filename (the bundle's own, for the few that read them).
  banner: { js: "import { createRequire as __claspCreateRequire } from 'node:module'; globalThis.require ??= __claspCreateRequire(import.meta.url);" },
  define: { __dirname: 'import.meta.dirname', __filename: 'import.meta.filename' },
  // restify's optional DTrace probes (a native addon it does without).
  external: ['dtrace-provider'],
};
