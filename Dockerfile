# syntax=docker/dockerfile:1
# Clasp's production image (docs/deploy.md). Two stages:
#   build    npm ci + npm run build: the service compiled and bundled into dist/, with the Web Chat
#            bundle (from the npm registry, checksum-verified) and the trained reading models
#   runtime  node, tini and dist/ alone (dist/ needs no node_modules), as a non-root user
#
#   docker build -t clasp .
#   docker run --rm -p 3978:3978 -v clasp-var:/app/var clasp
#
# Pin the base image by digest where you build for production, e.g.
#   docker build --build-arg NODE_IMAGE=node:20-bookworm-slim@sha256:<digest> -t clasp .
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# The dependencies first, so this layer is reused until the lockfile changes. Install scripts are
# skipped here: the project's own postinstall (Web Chat bundle, models) is what `npm run build`
# does below, and no dependency the build needs has one that matters (esbuild finds its binary
# through its platform package; restify's DTrace probes are optional).
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# Fetches botframework-webchat's bundle with npm (pinned version and checksum), trains the reading
# models (about a minute), compiles, bundles and copies the data files into dist/.
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: it forwards SIGTERM/SIGINT to node and reaps zombies (docker stop → Clasp's
# graceful shutdown: requests in flight finish, unsent tickets stay in the outbox, exit 0).
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    PORT=3978 \
    MODEL_CACHE_DIR=/app/dist/var/cache \
    OUTBOX_DIR=/app/var/outbox
WORKDIR /app
# The code and its data belong to root and are read-only to the service.
COPY --from=build /src/dist ./dist
# var/ is the writable part: the handoff outbox (tickets, their delivery state, .eml files when no
# SMTP_URL is set) and, if MODEL_CACHE_DIR is pointed there, kept models. The `node` user (uid
# 1000) of the base image owns it; a named volume mounted there starts as this folder.
RUN mkdir -p /app/var/outbox && chown -R node:node /app/var
VOLUME ["/app/var"]
USER node
EXPOSE 3978
# Ready = knowledge base built, outbox writable, Redis (when used) reachable and durable. The slim
# image has no curl: node asks. A start takes seconds (the models ship in dist/var/cache); the
# start period leaves room for one that would have to train them (about a minute).
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/readyz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# DEP0005: restify's body reader calls `new Buffer()`, which Node reports only for code outside
# node_modules, as the bundle is.
CMD ["node", "--disable-warning=DEP0005", "dist/bot/main.js"]
