// The core's deterministic random corpus, committed as
// tests/corpus/random-reports.jsonl (scripts/gen-random-corpus.py; the Rust
// test core/tests/random_corpus.rs holds the core to it): every input
// through the package gives the Rust report byte for byte, and as an object
// (when JSON.parse keeps it whole) the same report as its text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { builds, coreText, repoRoot } from './package.mjs';

const corpusFile = process.env.IDPOOL_RANDOM_REPORTS || join(repoRoot, 'tests/corpus/random-reports.jsonl');

for (const { name, idpool, raw } of builds) {
  test(`the random corpus gives the Rust reports (${name} .wasm)`, () => {
    const lines = readFileSync(corpusFile, 'utf8').split('\n').filter(Boolean);
    assert.ok(lines.length >= 1000, `only ${lines.length} lines in ${corpusFile}`);
    let asObjects = 0;
    lines.forEach((line, index) => {
      const { operation, target, input } = JSON.parse(line);
      const rust = line.slice(line.indexOf(',"report":') + ',"report":'.length, -1);
      const where = `line ${index + 1} (${operation} ${target})`;
      const text = coreText(operation === 'resolve' ? raw.resolveCredentials(input) : raw.check(target, input));
      assert.equal(text, rust, `${where}: the raw report differs from the Rust report`);
      const report = operation === 'resolve' ? idpool.resolveCredentials(input) : idpool.check(target, input);
      assert.deepEqual(report, JSON.parse(rust), `${where}: the report object differs`);
      const value = JSON.parse(input);
      if (typeof value === 'object' && value !== null && JSON.stringify(value) === input) {
        asObjects++;
        const fromObject = operation === 'resolve' ? idpool.resolveCredentials(value) : idpool.check(target, value);
        assert.deepEqual(fromObject, report, `${where}: the object gives another report than its text`);
      }
    });
    assert.ok(asObjects > lines.length / 2, `only ${asObjects} inputs replayed as objects`);
  });
}
