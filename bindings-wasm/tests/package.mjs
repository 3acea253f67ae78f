// Where the tests find the built package (scripts/build-npm.sh output) and
// the shared files of the repository.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The repository's root folder. */
export const repoRoot = resolve(here, '../..');

/** The cargo target folder (CARGO_TARGET_DIR, else target/). */
export const targetDir = resolve(repoRoot, process.env.CARGO_TARGET_DIR || 'target');

/** The assembled package folder, as scripts/build-npm.sh leaves it. */
export const packageDir = resolve(process.env.IDPOOL_PACKAGE_DIR || join(targetDir, 'npm/idpool'));

/** The package through its ES module entry for node. */
export const idpool = await import(pathToFileURL(join(packageDir, 'dist/node.mjs')).href);

/** The package through its CommonJS entry for node. */
export const idpoolCjs = createRequire(import.meta.url)(join(packageDir, 'dist/node.cjs'));

/**
 * The raw layer's calls by name, over the two exports of a wasm-bindgen
 * glue (`run` with the texts as strings; bindings-wasm/src/lib.rs, `op`):
 * each returns the raw JSON text or throws the misuse string. The numbers
 * are written here again, apart from js/api.js, so the vectors also hold
 * the package's own numbering to the Rust one.
 */
export function rawCalls(glue) {
  return {
    inputBuffer: glue.inputBuffer,
    wasmMemory: glue.wasmMemory,
    maxInputBytes: glue.maxInputBytes,
    run: glue.run,
    runInput: glue.runInput,
    check: (target, input, pool) => glue.run(0, target, input, pool),
    planUpdate: (current, desired) => glue.run(1, '', current, desired),
    resolveCredentials: (context) => glue.run(2, '', context),
    auditTrust: (context) => glue.run(3, '', context),
    loginKeys: (pool) => glue.run(4, '', pool),
    samlRoles: (response) => glue.run(5, '', response),
    parseIdentityPoolId: (id) => glue.run(6, '', id),
    targets: () => glue.run(7, '', ''),
    version: () => glue.run(8, '', ''),
  };
}

/** The raw wasm-bindgen glue of the node build (JSON text in and out), for byte comparisons. */
export const raw = rawCalls(createRequire(import.meta.url)(join(packageDir, 'dist/bindgen-node.cjs')));

/** The package through its browser entry, given the web `.wasm` (the size build). */
export const idpoolWeb = await import(pathToFileURL(join(packageDir, 'dist/web.js')).href);
idpoolWeb.initSync(readFileSync(join(packageDir, 'dist/idpool_wasm_bg.wasm')));

/** The raw glue of the web `.wasm`, initialized by `idpoolWeb.initSync`. */
export const rawWeb = rawCalls(await import(pathToFileURL(join(packageDir, 'dist/bindgen-web.js')).href));

/**
 * The two builds of the same code the package ships (scripts/build-npm.sh):
 * node's, built for speed, and the web one, built for size with its own
 * standard library features and allocator. Both must give the same bytes.
 */
export const builds = [
  { name: 'node', idpool, raw },
  { name: 'web', idpool: idpoolWeb, raw: rawWeb },
];

/**
 * The core's report text from the raw layer's lazy layout (a newline on each
 * side of the value of `normalized`, none otherwise; bindings-wasm/src/lib.rs
 * `lazy_layout`). Throws on any other number of newlines.
 */
export function coreText(laidOut) {
  const newlines = laidOut.split('\n').length - 1;
  if (newlines !== 0 && newlines !== 2) throw new Error(`a raw report with ${newlines} newlines`);
  return laidOut.replaceAll('\n', '');
}
