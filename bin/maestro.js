#!/usr/bin/env node
// The CLI bundle (lib/bundle/, built by `npm run build:cli`, which `prepare` and so `npm ci` run):
// an entry and a chunk per command load faster than lib/'s modules one by one (scripts/build-cli.mjs).
import '../lib/bundle/maestro.js';
