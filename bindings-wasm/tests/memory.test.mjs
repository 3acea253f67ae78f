// WebAssembly memory never shrinks, so the allocator inside the .wasm
// (bindings-wasm/src/heap.rs) must reuse what it freed: a console that
// checks a large input again and again, or big and small inputs in turn,
// must reach a steady memory size after its first rounds. Both builds of
// the package: node's, and the web build (instantiated here with initSync).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { idpool, packageDir, raw } from './package.mjs';

const web = await import(pathToFileURL(join(packageDir, 'dist/web.js')).href);
const webRaw = await import(pathToFileURL(join(packageDir, 'dist/bindgen-web.js')).href);
web.initSync(readFileSync(join(packageDir, 'dist/idpool_wasm_bg.wasm')));

const LIMIT = 1 << 20;

// A well-formed pool of about 1 MiB (just under the size limit): thousands
// of OIDC provider ARNs, each one checked, normalized and in the report.
function bigPool() {
  const arns = [];
  let bytes = 100;
  for (let i = 0; bytes < LIMIT - 200; i++) {
    const arn = `arn:aws:iam::123456789012:oidc-provider/login${i}.example.com`;
    arns.push(arn);
    bytes += arn.length + 3;
  }
  const text = JSON.stringify({ IdentityPoolName: 'Big', AllowUnauthenticatedIdentities: false, OpenIdConnectProviderARNs: arns });
  assert.ok(text.length > LIMIT - 1000 && text.length <= LIMIT, `${text.length} bytes`);
  return text;
}

const SMALL = JSON.stringify({ IdentityPoolName: 'Small', AllowUnauthenticatedIdentities: false });

const builds = [
  ['node build', idpool, () => raw.wasmMemory().buffer.byteLength],
  ['web build', web, () => webRaw.wasmMemory().buffer.byteLength],
];

for (const [name, api, memoryBytes] of builds) {
  test(`${name}: checking a 1 MiB input 200 times stops growing memory after the first rounds`, { timeout: 300_000 }, () => {
    const text = bigPool();
    const sizes = [];
    for (let round = 0; round < 200; round++) {
      const report = api.check('CreateIdentityPool', text);
      assert.equal(report.ok, true);
      // Reading normalized parses the copy of the whole input, as a console does.
      assert.equal(report.normalized.OpenIdConnectProviderARNs.length, JSON.parse(text).OpenIdConnectProviderARNs.length);
      sizes.push(memoryBytes());
    }
    const settled = sizes[4];
    assert.deepEqual(
      sizes.slice(4).filter((size) => size !== settled),
      [],
      `memory after round 5: ${settled} bytes; later: ${[...new Set(sizes.slice(5))].join(', ')}`,
    );
  });

  test(`${name}: big and small inputs in turn stop growing memory after the first rounds`, { timeout: 300_000 }, () => {
    const big = bigPool();
    const sizes = [];
    for (let round = 0; round < 100; round++) {
      const text = round % 2 === 0 ? big : SMALL;
      const report = api.check('CreateIdentityPool', text, round % 3 === 0 ? { pool: SMALL } : undefined);
      assert.equal(report.target, 'CreateIdentityPool');
      assert.equal(report.normalized.IdentityPoolName, text === big ? 'Big' : 'Small');
      sizes.push(memoryBytes());
    }
    const settled = sizes[9];
    assert.deepEqual(
      sizes.slice(9).filter((size) => size !== settled),
      [],
      `memory after round 10: ${settled} bytes; later: ${[...new Set(sizes.slice(10))].join(', ')}`,
    );
  });
}
