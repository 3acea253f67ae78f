#!/usr/bin/env node
// The node benchmark of the npm package (issue 8, item 2): idpool's `check`
// against the floor, `JSON.parse` of the same text, and against a JSON Schema
// validator, ajv, with a schema derived at run time from the same service
// model (schema.mjs). Same process, same inputs as the Rust criterion benches
// (inputs.mjs rebuilds core/benches/inputs/mod.rs byte for byte).
//
//   npm run bench                 (in bindings-wasm/; after scripts/setup.sh
//                                  and scripts/build-npm.sh)
//   npm run bench -- --json       the same numbers as JSON on stdout
//   node bench/bench.mjs --runs 2 measure everything twice, keep each
//                                  cell's better median (a busy machine)
//   node bench/bench.mjs --help
//
// Method: for each input, every measured function is warmed up, then given a
// batch size that takes about --batch-ms; then --rounds rounds each time one
// batch of every function in turn (interleaved, so a burst of load from
// another process hits all of them alike). A cell is the median of its
// batches, in calls per second. Ratios are idpool's calls/s over the other's:
// above 1, idpool makes more calls per second.
//
// Measured per input:
//   JSON.parse        JSON.parse(text): the floor
//   ajv               ajv's validate(JSON.parse(text)): the peer
//   ajv (object)      validate(object) alone, for an input already parsed
//   idpool (text)     check(target, text).ok: the package's public API
//   idpool (object)   check(target, object).ok: JSON.stringify + the above
//   idpool (+normalized) check(target, text).normalized: a caller that also
//                     reads the canonical form (parsed on first read)
//   baseline (text)   with --baseline DIR: check(target, text).ok of another
//                     built package, e.g. an earlier version, in this process
// and, to split idpool's cost at the WebAssembly boundary (benchmark only,
// through the wasm-bindgen layer the package ships in dist/bindgen-node.cjs;
// the public API is not changed):
//   wasm check        the raw exports as check uses them: the input written
//                     into the input buffer with encodeInto, the core's
//                     check, the report's JSON text decoded out (discarded);
//                     the plain string export where a package has no buffer
//   encode input      TextEncoder.encodeInto of the input: the copy-in part
//   decode report     TextDecoder.decode of the report's UTF-8: the copy-out
//   parse report      JSON.parse of the report text: what check adds to it
//   stringify input   JSON.stringify(object): what the object path adds
//
// Bounded: about 30 s with the defaults on 2 busy cores (--runs 2: twice
// that); no network, no files written.

import { readFileSync, realpathSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { benchInputs } from './inputs.mjs';
import { schemaForTarget, AJV_OPTIONS } from './schema.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');

// --- options -------------------------------------------------------------------
const USAGE = `usage: node bench/bench.mjs [--json] [--rounds N] [--batch-ms MS] [--warmup-ms MS]
                          [--runs N] [--only NAME,...] [--package DIR]
  --json        print the results as JSON instead of tables
  --rounds N    timed batches per function and input (default 11)
  --batch-ms MS target duration of one batch (default 50)
  --warmup-ms MS warm-up per function and input (default 150)
  --runs N      measure everything N times; each cell keeps its best median (default 1)
  --only NAMES  inputs to measure: pool_small, pool_typical, pool_maximal, credentials_request
  --package DIR the built npm package (default: $CARGO_TARGET_DIR or target/, then npm/idpool)
  --baseline DIR another built package measured alongside (row "baseline (text)")`;

function parseArgs(argv) {
  const options = { json: false, rounds: 11, batchMs: 50, warmupMs: 150, runs: 1, only: null, packageDir: null, baselineDir: null };
  const number = (name, value, min) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} takes an integer >= ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} takes a value`);
      return argv[++i];
    };
    if (arg === '--json') options.json = true;
    else if (arg === '--rounds') options.rounds = number(arg, value(), 1);
    else if (arg === '--batch-ms') options.batchMs = number(arg, value(), 1);
    else if (arg === '--warmup-ms') options.warmupMs = number(arg, value(), 0);
    else if (arg === '--runs') options.runs = number(arg, value(), 1);
    else if (arg === '--only') options.only = value().split(',');
    else if (arg === '--package') options.packageDir = value();
    else if (arg === '--baseline') options.baselineDir = value();
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return options;
}

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(2);
}

// --- the package -----------------------------------------------------------------
const packageDir = path.resolve(
  options.packageDir ?? path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'npm', 'idpool'),
);
if (!existsSync(path.join(packageDir, 'dist', 'node.mjs'))) {
  console.error(`bench: no built package in ${packageDir}; run scripts/build-npm.sh first`);
  process.exit(2);
}
const dist = realpathSync(path.join(packageDir, 'dist'));
const idpool = await import(pathToFileURL(path.join(dist, 'node.mjs')).href);
// The wasm-bindgen layer under the public API: the same module instance
// (node.cjs requires this very file), loaded only to split the cost.
const raw = createRequire(import.meta.url)(path.join(dist, 'bindgen-node.cjs'));
// The core's report text from the raw layer's lazy layout (a newline on
// each side of `normalized`; bindings-wasm/src/lib.rs, lazy_layout).
const coreText = (text) => text.replaceAll('\n', '');
// Another build of the package, measured alongside (its own wasm instance).
let baseline = null;
if (options.baselineDir) {
  const baselineDist = realpathSync(path.join(path.resolve(options.baselineDir), 'dist'));
  if (baselineDist === dist) {
    console.error('bench: --baseline is the measured package itself');
    process.exit(2);
  }
  baseline = await import(pathToFileURL(path.join(baselineDist, 'node.mjs')).href);
}

// --- inputs, schemas, and checks that both sides see what we think -------------
const model = JSON.parse(readFileSync(path.join(ROOT, 'core', 'model', 'cognito-identity.json'), 'utf8'));
const ajv = new Ajv(AJV_OPTIONS);
const validators = new Map();
function validatorFor(target) {
  if (!validators.has(target)) validators.set(target, ajv.compile(schemaForTarget(model, target)));
  return validators.get(target);
}

const die = (message) => {
  console.error(`bench: ${message}`);
  process.exit(1);
};

let inputs = benchInputs(ROOT);
if (options.only) {
  const unknown = options.only.filter((name) => !inputs.some((input) => input.name === name));
  if (unknown.length) die(`unknown input ${unknown.join(', ')}; the inputs are ${inputs.map((i) => i.name).join(', ')}`);
  inputs = inputs.filter((input) => options.only.includes(input.name));
}
for (const input of inputs) {
  input.object = JSON.parse(input.text);
  input.bytes = Buffer.byteLength(input.text);
  input.sha256 = createHash('sha256').update(input.text).digest('hex');
  input.validate = validatorFor(input.target);
  if (!input.validate(input.object)) die(`${input.name}: ajv rejects it: ${ajv.errorsText(input.validate.errors)}`);
  const report = idpool.check(input.target, input.text);
  if (!report.ok) die(`${input.name}: idpool reports ${report.errors.map((e) => `${e.path} ${e.code}`).join(', ')}`);
  input.reportText = coreText(raw.run(0, input.target, input.text, undefined));
  if (JSON.stringify(JSON.parse(input.reportText)) !== JSON.stringify(report)) die(`${input.name}: raw and public reports differ`);
  if (baseline && JSON.stringify(baseline.check(input.target, input.text)) !== JSON.stringify(report)) {
    die(`${input.name}: the baseline package gives another report`);
  }
  input.reportBytes = Buffer.from(input.reportText);
}

// The derived schema rejects what the model rejects, as idpool does, and
// accepts what it accepts: a few constraints of each kind, each of which a
// careless schema gets wrong (Java's ASCII \s, code-point lengths, maps).
const small = { IdentityPoolName: 'Photos', AllowUnauthenticatedIdentities: false };
const SPOT_CHECKS = [
  ['CreateIdentityPool', small, true],
  ['CreateIdentityPool', { ...small, IdentityPoolName: 'Photos!' }, false], // pattern
  ['CreateIdentityPool', { ...small, IdentityPoolName: 'Photo\u00a0s' }, false], // Java's \s is ASCII
  ['CreateIdentityPool', { ...small, IdentityPoolName: 'Photo\ts' }, true],
  ['CreateIdentityPool', { ...small, IdentityPoolName: 'x'.repeat(129) }, false], // maxLength
  ['CreateIdentityPool', { ...small, IdentityPoolTags: { team: '\u{1d49c}'.repeat(200) } }, true], // code points
  ['CreateIdentityPool', { ...small, IdentityPoolTags: { team: '\u{1d49c}'.repeat(257) } }, false],
  ['CreateIdentityPool', { ...small, IdentityPoolTags: { '': 'x' } }, false], // key length
  ['CreateIdentityPool', { IdentityPoolName: 'Photos' }, false], // required
  ['CreateIdentityPool', { ...small, Extra: 1 }, false], // unknown member
  ['CreateIdentityPool', { ...small, AllowUnauthenticatedIdentities: 'false' }, false], // type
  [
    'CreateIdentityPool',
    { ...small, SupportedLoginProviders: Object.fromEntries([...Array(11)].map((_, i) => [`login${i}.example.com`, 'a'])) },
    false, // maxProperties
  ],
  [
    'CreateIdentityPool',
    { ...small, CognitoIdentityProviders: [{ ProviderName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI', ClientId: 'clienté' }] },
    false, // \w is ASCII
  ],
  ['ListIdentityPools', { MaxResults: 61 }, false], // integer range
  ['ListIdentityPools', { MaxResults: 60, NextToken: 'a b' }, false], // [\S]+
  ['SetIdentityPoolRoles', { IdentityPoolId: 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', Roles: { guest: 'arn:aws:iam::123456789012:role/Guest' } }, false], // key pattern
  ['MappingRule', { Claim: 'cognito:groups', MatchType: 'Contains', Value: 'editors', RoleARN: 'arn:aws:iam::123456789012:role/R' }, true],
  ['MappingRule', { Claim: 'cognito groups', MatchType: 'Contains', Value: 'editors', RoleARN: 'arn:aws:iam::123456789012:role/R' }, false], // \p{..} class
  ['MappingRule', { Claim: 'groups', MatchType: 'Like', Value: 'editors', RoleARN: 'arn:aws:iam::123456789012:role/R' }, false], // enum
];
for (const [target, value, valid] of SPOT_CHECKS) {
  const byAjv = validatorFor(target)(value);
  const byIdpool = idpool.check(target, value).ok;
  if (byAjv !== valid || byIdpool !== valid) {
    die(`spot check ${target} ${JSON.stringify(value).slice(0, 80)}: expected ${valid}, ajv ${byAjv}, idpool ${byIdpool}`);
  }
}

// --- timing ----------------------------------------------------------------------
const SENTINEL = Symbol('never returned');
let sink = 0;
const now = () => Number(process.hrtime.bigint()) / 1e9;

function timeBatch(fn, n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    if (fn() === SENTINEL) sink++;
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

// Warm a function up (so V8 has optimized it), then size its batch.
function calibrate(fn) {
  const end = now() + options.warmupMs / 1000;
  let n = 16;
  let seconds = timeBatch(fn, n);
  while (now() < end || seconds < 0.005) {
    if (seconds < 0.02) n *= 2;
    seconds = timeBatch(fn, n);
  }
  return Math.max(1, Math.round((options.batchMs / 1000) * (n / seconds)));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const MODES = [
  ['parse', 'JSON.parse', (i) => () => JSON.parse(i.text)],
  ['ajv', 'ajv', (i) => () => i.validate(JSON.parse(i.text))],
  ['ajvObject', 'ajv (object)', (i) => () => i.validate(i.object)],
  ['idpoolText', 'idpool (text)', (i) => () => idpool.check(i.target, i.text).ok],
  ['idpoolObject', 'idpool (object)', (i) => () => idpool.check(i.target, i.object).ok],
  ['idpoolNormalized', 'idpool (+normalized)', (i) => () => idpool.check(i.target, i.text).normalized],
  ...(baseline ? [['baseline', 'baseline (text)', (i) => () => baseline.check(i.target, i.text).ok]] : []),
  ['wasmCheck', 'wasm check', (i) => {
    const encoder = new TextEncoder();
    const memory = raw.wasmMemory();
    const capacity = i.text.length * 3;
    return () => {
      const at = raw.inputBuffer(capacity);
      const length = encoder.encodeInto(i.text, new Uint8Array(memory.buffer, at, capacity)).written;
      return raw.runInput(0, i.target, length, undefined);
    };
  }],
  ['encodeInput', 'encode input', (i) => {
    const encoder = new TextEncoder();
    const buffer = new Uint8Array(i.bytes * 3 + 16);
    return () => encoder.encodeInto(i.text, buffer).written;
  }],
  ['decodeReport', 'decode report', (i) => {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    return () => decoder.decode(i.reportBytes);
  }],
  ['parseReport', 'parse report', (i) => () => JSON.parse(i.reportText)],
  ['stringifyInput', 'stringify input', (i) => () => JSON.stringify(i.object)],
];

function measureInput(input) {
  const fns = MODES.map(([, , make]) => make(input));
  const sizes = fns.map(calibrate);
  const rates = fns.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    fns.forEach((fn, m) => rates[m].push(sizes[m] / timeBatch(fn, sizes[m])));
  }
  const cells = {};
  MODES.forEach(([key, label], m) => {
    const callsPerSec = median(rates[m]);
    cells[key] = {
      label,
      callsPerSec,
      nsPerCall: 1e9 / callsPerSec,
      batchSize: sizes[m],
      batches: options.rounds,
      minCallsPerSec: Math.min(...rates[m]),
      maxCallsPerSec: Math.max(...rates[m]),
    };
  });
  return cells;
}

const startedAt = now();
const loadBefore = os.loadavg();
const runs = [];
for (let run = 0; run < options.runs; run++) {
  runs.push(inputs.map(measureInput));
}
const loadAfter = os.loadavg();
const seconds = now() - startedAt;

// Each cell keeps its best median over the runs (one run: that run's).
const results = inputs.map((input, i) => {
  const cells = {};
  for (const [key] of MODES) {
    const best = runs.map((run) => run[i][key]).reduce((a, b) => (b.callsPerSec > a.callsPerSec ? b : a));
    cells[key] = { ...best, run: runs.findIndex((run) => run[i][key] === best) + 1 };
  }
  const ratio = (a, b) => cells[a].callsPerSec / cells[b].callsPerSec;
  const wasmCoreNs = cells.wasmCheck.nsPerCall - cells.encodeInput.nsPerCall - cells.decodeReport.nsPerCall;
  return {
    name: input.name,
    target: input.target,
    bytes: input.bytes,
    sha256: input.sha256,
    reportBytes: input.reportBytes.length,
    cells,
    ratios: {
      idpoolOverParse: ratio('idpoolText', 'parse'),
      idpoolOverAjv: ratio('idpoolText', 'ajv'),
      idpoolObjectOverAjvObject: ratio('idpoolObject', 'ajvObject'),
      ...(baseline ? { idpoolOverBaseline: ratio('idpoolText', 'baseline') } : {}),
    },
    // Where idpool's time per call goes, in ns (estimates: differences of medians).
    split: {
      encodeInput: cells.encodeInput.nsPerCall,
      wasmCore: wasmCoreNs,
      decodeReport: cells.decodeReport.nsPerCall,
      parseReport: cells.parseReport.nsPerCall,
      // The JavaScript wrapper (argument checks, error handling), garbage
      // collection, and the noise of differences of medians on a busy machine.
      rest: cells.idpoolText.nsPerCall - cells.wasmCheck.nsPerCall - cells.parseReport.nsPerCall,
      total: cells.idpoolText.nsPerCall,
    },
  };
});

const cpus = os.cpus();
const environment = {
  node: process.version,
  v8: process.versions.v8,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: cpus.length,
  cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
  loadavgBefore: loadBefore.map((l) => +l.toFixed(2)),
  loadavgAfter: loadAfter.map((l) => +l.toFixed(2)),
  idpool: idpool.version,
  package: packageDir,
  baseline: options.baselineDir ? path.resolve(options.baselineDir) : null,
  ajv: createRequire(import.meta.url)('ajv/package.json').version,
  ajvOptions: AJV_OPTIONS,
};
const settings = { rounds: options.rounds, batchMs: options.batchMs, warmupMs: options.warmupMs, runs: options.runs, seconds: +seconds.toFixed(1) };

if (options.json) {
  console.log(JSON.stringify({ environment, settings, spotChecks: SPOT_CHECKS.length, results }, null, 2));
  process.exit(0);
}

// --- tables ------------------------------------------------------------------------
const group = (n) => Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
const fixed = (n, digits = 2) => n.toFixed(digits);
function table(header, rows, align) {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells) => cells.map((cell, c) => (align[c] === 'l' ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const out = [];
out.push(
  `idpool ${environment.idpool} node benchmark: node ${environment.node}, ${environment.platform}, ` +
    `${environment.cpus} x ${environment.cpuModel}, ajv ${environment.ajv}`,
);
out.push(`package ${packageDir}${baseline ? `; baseline ${environment.baseline}` : ''}`);
out.push(
  `load average ${environment.loadavgBefore.join(' ')} before, ${environment.loadavgAfter.join(' ')} after; ` +
    `${settings.runs} run(s) of ${settings.rounds} interleaved batches of ~${settings.batchMs} ms per cell, ` +
    `median calls/s${settings.runs > 1 ? ' (best of the runs per cell)' : ''}; ${settings.seconds} s`,
);
out.push(`inputs as core/benches/inputs/mod.rs; ajv and idpool agree on all ${SPOT_CHECKS.length} schema spot checks`);
out.push('');
out.push(
  table(
    ['input', 'bytes', 'JSON.parse', 'ajv', 'idpool (text)', 'idpool (object)', 'idpool/JSON.parse', 'idpool/ajv'],
    results.map((r) => [
      r.name,
      String(r.bytes),
      group(r.cells.parse.callsPerSec),
      group(r.cells.ajv.callsPerSec),
      group(r.cells.idpoolText.callsPerSec),
      group(r.cells.idpoolObject.callsPerSec),
      fixed(r.ratios.idpoolOverParse),
      fixed(r.ratios.idpoolOverAjv),
    ]),
    'lrrrrrrr',
  ),
);
out.push('ratios: idpool (text) calls/s over the other\'s; above 1, idpool is faster');
if (baseline) {
  out.push('');
  out.push('against the baseline package (same process, interleaved batches)');
  out.push(
    table(
      ['input', 'baseline (text)', 'idpool (text)', 'idpool/baseline', 'idpool (+normalized)'],
      results.map((r) => [
        r.name,
        group(r.cells.baseline.callsPerSec),
        group(r.cells.idpoolText.callsPerSec),
        fixed(r.ratios.idpoolOverBaseline),
        group(r.cells.idpoolNormalized.callsPerSec),
      ]),
      'lrrrr',
    ),
  );
}
out.push('');
out.push('where idpool (text) spends a call, ns: wasm core = wasm check - encode - decode; rest = total - wasm check - parse report');
out.push(
  table(
    ['input', 'report bytes', 'encode input', 'wasm core', 'decode report', 'parse report', 'rest', 'total'],
    results.map((r) => [
      r.name,
      String(r.reportBytes),
      ...['encodeInput', 'wasmCore', 'decodeReport', 'parseReport', 'rest', 'total'].map((k) => group(r.split[k])),
    ]),
    'lrrrrrrr',
  ),
);
for (const r of results) {
  out.push('');
  out.push(`${r.name}: ${r.target}, ${r.bytes} bytes, sha256 ${r.sha256.slice(0, 16)}…, report ${r.reportBytes} bytes`);
  out.push(
    table(
      ['measure', 'calls/s', 'ns/call', 'batch', 'batches', 'min..max calls/s'],
      MODES.map(([key]) => {
        const c = r.cells[key];
        return [
          c.label + (settings.runs > 1 ? ` (run ${c.run})` : ''),
          group(c.callsPerSec),
          group(c.nsPerCall),
          String(c.batchSize),
          String(c.batches),
          `${group(c.minCallsPerSec)}..${group(c.maxCallsPerSec)}`,
        ];
      }),
      'lrrrrr',
    ),
  );
}
console.log(out.join('\n'));
