#!/usr/bin/env node
// The compiled CLI lives in lib/ (built by `prepare`, which `npm ci` runs).
import '../lib/cli/entry.js';
