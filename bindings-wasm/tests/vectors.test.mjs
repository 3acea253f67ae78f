// Every shared vector (tests/vectors/*.json) through the npm package, compared
// as the Rust runner compares (core/tests/vectors.rs), and every report
// compared byte for byte with the Rust report the Rust runner wrote to
// <target>/tmp/vector-reports.jsonl (`cargo test -p idpool --test vectors`).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { builds, coreText, repoRoot, targetDir } from './package.mjs';

const vectorsDir = join(repoRoot, 'tests/vectors');
const files = readdirSync(vectorsDir)
  .filter((name) => name.endsWith('.json'))
  .sort();

const reportsFile = process.env.IDPOOL_VECTOR_REPORTS || join(targetDir, 'tmp/vector-reports.jsonl');
const rustReports = new Map();
for (const line of readFileSync(reportsFile, 'utf8').split('\n')) {
  if (!line) continue;
  // Keep the report's exact text: it is what the wasm must produce.
  const head = JSON.parse(line.replace(/,"report":.*$/s, '}'));
  const text = line.slice(line.indexOf(',"report":') + ',"report":'.length, -1);
  rustReports.set(`${head.file}\u0000${head.name}`, text);
}

// The constraint layer's exceptions (model traits and the body's syntax).
const constraintExceptions = new Set(['ValidationException', 'SerializationException', 'ParamValidation']);

// A vector's `input` as the API takes it: objects and arrays as they are (so
// the JSON.stringify path is what runs), any other JSON value as its text.
function asInput(value) {
  return typeof value === 'object' && value !== null ? value : JSON.stringify(value);
}

// The case run through one build's public API, and through its raw glue
// (JSON text).
function run(testCase, { idpool, raw }) {
  const hasInput = 'input' in testCase;
  assert.notEqual(hasInput, 'inputText' in testCase, 'a case needs exactly one of input / inputText');
  const input = hasInput ? asInput(testCase.input) : testCase.inputText;
  const text = hasInput ? JSON.stringify(testCase.input) : testCase.inputText;
  switch (testCase.operation ?? 'check') {
    case 'resolve':
      return { report: idpool.resolveCredentials(input), text: raw.resolveCredentials(text) };
    case 'audit':
      return { report: idpool.auditTrust(input), text: raw.auditTrust(text) };
    case 'plan': {
      // planUpdate(current, desired): the input is {"current": ..., "desired": ...}.
      const { current, desired } = testCase.input;
      return {
        report: idpool.planUpdate(asInput(current), asInput(desired)),
        text: raw.planUpdate(JSON.stringify(current), JSON.stringify(desired)),
      };
    }
    case 'check':
      if (testCase.pool !== undefined) {
        return {
          report: idpool.check(testCase.target, input, { pool: testCase.pool }),
          text: raw.check(testCase.target, text, JSON.stringify(testCase.pool)),
        };
      }
      return { report: idpool.check(testCase.target, input), text: raw.check(testCase.target, text) };
    default:
      throw new Error(`unknown operation ${testCase.operation}`);
  }
}

const triples = (issues) => issues.map((i) => [i.path, i.code, i.key === true]);
const expectedTriples = (list) => list.map((e) => [e.path ?? '', e.code ?? '', e.key === true]);

function compare(testCase, layer, report) {
  const constraintOnly = layer === 'constraint';
  const compared = report.errors.filter((i) => !constraintOnly || constraintExceptions.has(i.exception));
  const ok = testCase.ok === true;
  assert.equal(constraintOnly ? compared.length === 0 : report.ok, ok, 'ok');
  if (Array.isArray(testCase.errors)) {
    assert.deepEqual(triples(compared), expectedTriples(testCase.errors), 'errors');
  }
  if (Array.isArray(testCase.errors)) {
    testCase.errors.forEach((expected, i) => {
      for (const [name, value] of Object.entries(expected.params ?? {})) {
        assert.deepEqual(compared[i]?.params?.[name], value, `errors[${i}].params.${name}`);
      }
    });
  }
  if (Array.isArray(testCase.warnings) && !constraintOnly) {
    assert.deepEqual(triples(report.warnings), expectedTriples(testCase.warnings), 'warnings');
  }
  if (testCase.serviceError) {
    const { type, message } = testCase.serviceError;
    if (type !== undefined) assert.equal(report.serviceError?.type, type, 'serviceError.type');
    if (message !== undefined) assert.equal(report.serviceError?.message, message, 'serviceError.message');
  }
  if ('decision' in testCase) {
    assert.deepEqual(report.decision, testCase.decision, 'decision');
  } else if ((testCase.operation ?? 'check') === 'resolve') {
    assert.equal(report.decision, undefined, 'decision: expected none');
  }
  if ('audit' in testCase) {
    assert.deepEqual(report.audit, testCase.audit, 'audit');
  }
  if ('normalized' in testCase) {
    assert.equal(JSON.stringify(report.normalized ?? null), JSON.stringify(testCase.normalized), 'normalized');
  }
  if (Array.isArray(testCase.changes)) {
    assert.deepEqual(
      report.changes.map((c) => [c.path, c.code]),
      testCase.changes.map((c) => [c.path ?? '', c.code ?? '']),
      'changes',
    );
  }
  if ('planChanges' in testCase) {
    const expected = testCase.planChanges === null ? null : testCase.planChanges.map((c) => [c.path ?? '', c.op ?? '']);
    const actual = report.plan ? report.plan.changes.map((c) => [c.path, c.op]) : null;
    assert.deepEqual(actual, expected, 'planChanges');
  }
  if ('effective' in testCase) {
    assert.equal(JSON.stringify(report.plan?.effective), JSON.stringify(testCase.effective), 'effective');
  }
}

let total = 0;
// Reports whose JSON text JavaScript cannot represent exactly.
const lossy = [];
const docs = files.map((file) => [file, JSON.parse(readFileSync(join(vectorsDir, file), 'utf8'))]);
for (const build of builds) {
  for (const [file, doc] of docs) {
    test(`vectors (${build.name} .wasm): ${file}`, async (t) => {
      for (const testCase of doc.cases) {
        if (build === builds[0]) total++;
        await t.test(testCase.name, () => {
          const { report, text: laidOut } = run(testCase, build);
          const text = coreText(laidOut);
          compare(testCase, doc.layer, report);
          const rust = rustReports.get(`${file}\u0000${testCase.name}`);
          assert.ok(rust !== undefined, `no Rust report for this case in ${reportsFile}`);
          // The wasm computes exactly what the native core computes...
          assert.equal(text, rust, 'the raw report differs from the Rust report');
          // ...and the objects the API returns are that report as JSON.parse
          // reads it.
          assert.equal(JSON.stringify(report), JSON.stringify(JSON.parse(rust)), 'the report object differs');
          if (build === builds[0] && JSON.stringify(report) !== rust) lossy.push({ file, name: testCase.name, rust });
        });
      }
    });
  }
}

test('every vector file was read', () => {
  assert.ok(files.length >= 4, `only ${files.length} vector files`);
  assert.equal(total, rustReports.size, 'the Rust runner reported a different number of cases');
});

// JSON.parse cannot keep everything a report's text can say: a number such as
// 100.0 reads as 100 (the same number; DECISIONS.md "Numbers"), and an object
// with a repeated key keeps only its last value. The first is expected; the
// second must never happen, because the canonical form keeps the first of a
// repeated key and drops the rest (docs/DECISIONS.md, "Normalization").
test('every report reads back exactly in JavaScript', () => {
  const integral = (text) => text.replace(/(\d)\.0(?=[,\]}])/g, '$1');
  const repeatedKeys = lossy.filter(({ rust }) => integral(JSON.stringify(JSON.parse(rust))) !== integral(rust));
  assert.deepEqual(
    repeatedKeys.map(({ file, name }) => `${file}: ${name}`),
    [],
    'reports with repeated keys (JSON.parse keeps the last value)',
  );
});
