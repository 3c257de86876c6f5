import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../../src/core/extract/extractText.js';
import { scoreLabelled, type LabelledDocument, type Score } from '../../../src/core/extract/scoreMentions.js';
import { decodeText } from '../../../src/io/decodeText.js';
import { standardTemplate } from '../../helpers/template.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SEEDS = path.resolve(ROOT, '../shared/seeds');
const FIXTURES = path.join(ROOT, 'test/fixtures/extract');
const labels = JSON.parse(readFileSync(path.join(FIXTURES, 'labels.json'), 'utf8')) as { documents: LabelledDocument[] };

/** The seeds as given, and the Traditional-script copies made by scripts/make-extract-fixtures.mjs. */
const VARIANTS = [
  { script: '简体', dir: SEEDS, name: (f: string) => f },
  { script: '繁體', dir: FIXTURES, name: (f: string) => f.replace(/\.txt$/, '_traditional.txt') },
];

const rows: string[] = [];
const pct = (x: number) => x.toFixed(3);

describe('extraction quality on the labelled seed documents (precision and recall ≥ 0.9 on each)', () => {
  const template = standardTemplate();
  for (const v of VARIANTS) {
    for (const label of labels.documents) {
      it(`${v.script} ${label.file} ${label.heading}${label.seen ? '' : ' (held out)'}`, () => {
        const text = decodeText(readFileSync(path.join(v.dir, v.name(label.file)))).text;
        const docs = extractText(text, label.file, template);
        const score = scoreLabelled(text, docs.flatMap((d) => d.mentions), label) as Score;
        expect(score, 'heading found').not.toBeNull();
        rows.push(`${v.script} ${label.heading.padEnd(12, '　')} ${label.seen ? 'seen' : 'HELD'} expected ${score.expected} found ${score.found} correct ${score.correct} P ${pct(score.precision)} R ${pct(score.recall)} F1 ${pct(score.f1)}`);
        const detail = { missed: score.missed, wrong: score.wrong.map((m) => [m.indicator, m.value, m.text, m.flags]) };
        expect(score.precision, JSON.stringify(detail)).toBeGreaterThanOrEqual(0.9);
        expect(score.recall, JSON.stringify(detail)).toBeGreaterThanOrEqual(0.9);
      });
    }
  }
  it('prints the figures', () => {
    console.log(`extraction quality (labelled seed documents)\n${rows.join('\n')}`);
    expect(rows.length).toBe(VARIANTS.length * labels.documents.length);
  });
});
