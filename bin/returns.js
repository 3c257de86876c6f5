#!/usr/bin/env node
// Thin launcher: the command line is compiled to dist/ by `npm ci` (the prepare script: tsc, then
// scripts/bundle-cli.mjs bundles dist/cli into dist/bin so that start-up reads a few files, not a hundred).
import { main } from '../dist/bin/main.js';

process.exitCode = await main(process.argv.slice(2));
