#!/usr/bin/env node
// Thin launcher: the command line is compiled to dist/ by `npm ci` (the prepare script: tsc, then
// scripts/bundle-cli.mjs bundles dist/cli into dist/bin so that start-up reads a few files, not a hundred).
import v8 from 'node:v8';

// A `returns` run lives for a second or a few: V8's optimising compiler, tuned for long-lived programs, spent
// a quarter of a city-year's CPU compiling functions (largely code inlined into callers) that had little left
// to run. No inlining and a later hand-over to the optimiser cut CPU by ~18 % on a city-year and ~24 % on the
// examples, and change nothing at ten times a city-year (BENCHMARKS.md). Set before any of our code is loaded,
// and only on the V8 these figures were measured on (node 20): another V8 may not know the flags and would
// print an error for each.
if (process.versions.v8.startsWith('11.')) v8.setFlagsFromString('--no-turbo-inlining --interrupt-budget=300000');

const { main } = await import('../dist/bin/main.js');
process.exitCode = await main(process.argv.slice(2));
