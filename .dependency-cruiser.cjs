// The layer rules of ARCHITECTURE.md, checked by `npm run check:layers` (part of `npm run check`):
// imports point one way, bot → dialogs → machines → knowledge, nothing imports in a loop, and the
// runtime pieces stay in the layer that owns them.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-import-loops',
      comment: 'Modules that import each other in a loop: give the shared piece a home beneath both.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'knowledge-imports-only-knowledge',
      comment: 'knowledge/ is the bottom layer: documents, profiles, rules, understanding.',
      severity: 'error',
      from: { path: '^knowledge/' },
      to: { path: '^(machines|dialogs|bot)/' },
    },
    {
      name: 'machines-do-not-import-dialogs-or-bot',
      comment: 'A flow machine knows the knowledge it decides with, never how it is shown or run.',
      severity: 'error',
      from: { path: '^machines/' },
      to: { path: '^(dialogs|bot)/' },
    },
    {
      name: 'machines-read-no-words',
      comment:
        'Machines act on the commands of the Reading step (knowledge/reading/reading.types.ts) and never read the shopper\'s words themselves: no reader, model or understanding code.',
      severity: 'error',
      from: { path: '^machines/' },
      to: { path: '^knowledge/(reading/(?!reading\\.types\\.ts$)|readers/)' },
    },
    {
      name: 'dialogs-do-not-import-bot',
      comment: 'dialogs/ turns machine state into messages; the service around it is bot/.',
      severity: 'error',
      from: { path: '^dialogs/' },
      to: { path: '^bot/' },
    },
    {
      name: 'machines-and-knowledge-do-no-io',
      comment: 'Only bot/ talks to the world: network, storage, mail, the Bot Framework runtime. knowledge/ may read its own files at start-up.',
      severity: 'error',
      from: { path: '^(machines|knowledge)/' },
      to: { path: '^node_modules/(botbuilder|restify|nodemailer|ioredis|node-cache|ws|pino|prom-client|rate-limiter-flexible)/|^(node:)?(http|https|net|dgram|child_process|worker_threads)$' },
    },
    {
      name: 'machines-read-no-files',
      comment: 'Machines are pure: no file system either.',
      severity: 'error',
      from: { path: '^machines/' },
      to: { path: '^(node:)?fs', dependencyTypes: ['core'] },
    },
    {
      name: 'dialogs-do-no-io',
      comment: 'dialogs/ may use botbuilder for activity types and card factories, nothing that talks to the world.',
      severity: 'error',
      from: { path: '^dialogs/' },
      to: { path: '^node_modules/(restify|nodemailer|ioredis|node-cache|ws|pino|prom-client|rate-limiter-flexible)/|^(node:)?(fs|http|https|net|dgram|child_process|worker_threads)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    parser: 'swc',
    tsPreCompilationDeps: true,
    moduleSystems: ['es6'],
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
