// npm run bench:extract — extraction quality on the hand-labelled seed documents (precision, recall, F1 per
// document and for the development and held-out sets, Simplified and Traditional), then CPU time
// (user+sys) of extracting every seed file, side by side with the anchor: decoding and folding the same text
// to Simplified (what any reader of these files pays before looking for a single number).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cpuUsage } from 'node:process';
import { extractText } from '../dist/core/extract/extractText.js';
import { scoreLabelled } from '../dist/core/extract/scoreMentions.js';
import { toSimplified } from '../dist/core/text/normalize.js';
import { decodeText } from '../dist/io/decodeText.js';
import { loadTemplateFile } from '../dist/node/loadTemplateFile.js';

const root = path.resolve(import.meta.dirname, '..');
const seeds = path.resolve(root, '../shared/seeds');
const fixtures = path.join(root, 'test/fixtures/extract');
const labels = JSON.parse(readFileSync(path.join(fixtures, 'labels.json'), 'utf8')).documents;
const { template } = await loadTemplateFile();

const variants = [
  { script: 'Simplified', file: (f) => path.join(seeds, f) },
  { script: 'Traditional', file: (f) => path.join(fixtures, f.replace(/\.txt$/, '_traditional.txt')) },
];
const f3 = (x) => x.toFixed(3);
console.log('| script | document | set | expected | found | correct | precision | recall | F1 |');
console.log('|---|---|---|--:|--:|--:|--:|--:|--:|');
const totals = {};
for (const v of variants) {
  for (const label of labels) {
    const text = decodeText(readFileSync(v.file(label.file))).text;
    const found = extractText(text, label.file, template).flatMap((d) => d.mentions);
    const s = scoreLabelled(text, found, label);
    const set = label.seen ? 'development (seen)' : 'held out';
    const t = (totals[`${v.script} · ${set}`] ??= { expected: 0, found: 0, correct: 0 });
    t.expected += s.expected; t.found += s.found; t.correct += s.correct;
    console.log(`| ${v.script} | ${label.file.slice(0, 3)} ${label.heading} | ${set} | ${s.expected} | ${s.found} | ${s.correct} | ${f3(s.precision)} | ${f3(s.recall)} | ${f3(s.f1)} |`);
    for (const m of s.missed) console.log(`|  | missed: ${m.join(' ')} | | | | | | | |`);
    for (const m of s.wrong) console.log(`|  | wrong: ${m.indicator} ${m.value} ${m.text} ${m.flags.join(',')} | | | | | | | |`);
  }
}
console.log('\n| set | expected | found | correct | precision | recall | F1 |\n|---|--:|--:|--:|--:|--:|--:|');
for (const [k, t] of Object.entries(totals)) {
  const p = t.found ? t.correct / t.found : 1;
  const r = t.expected ? t.correct / t.expected : 1;
  console.log(`| ${k} | ${t.expected} | ${t.found} | ${t.correct} | ${f3(p)} | ${f3(r)} | ${f3(p + r ? (2 * p * r) / (p + r) : 0)} |`);
}

const files = ['000_b5df7ddf021696d8.txt', '002_0f366e330dcb8b89.txt'].map((f) => readFileSync(path.join(seeds, f)));
const kb = files.reduce((n, b) => n + b.length, 0) / 1024;
const ROUNDS = 50;
function cpu(work) {
  const start = cpuUsage();
  for (let i = 0; i < ROUNDS; i++) work();
  const d = cpuUsage(start);
  return (d.user + d.system) / 1000 / ROUNDS;
}
cpu(() => files.forEach((b) => extractText(decodeText(b).text, 'x', template))); // warm-up
const anchor = cpu(() => files.forEach((b) => toSimplified(decodeText(b).text.normalize('NFKC'))));
const extract = cpu(() => files.forEach((b) => extractText(decodeText(b).text, 'x', template)));
console.log(`\nCPU (user+sys) per pass over both seed files (${kb.toFixed(0)} KB, ${ROUNDS} passes, node ${process.version}):`);
console.log('| case | ms per pass | × anchor |\n|---|--:|--:|');
console.log(`| anchor: decode + NFKC + Traditional→Simplified | ${anchor.toFixed(2)} | 1.0 |`);
console.log(`| returns extract core (split, mentions, fields) | ${extract.toFixed(2)} | ${(extract / anchor).toFixed(1)} |`);
