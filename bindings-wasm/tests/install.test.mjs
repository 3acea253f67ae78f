// The packed tarball installs into an empty project (offline) and works
// there: require and import in node, the web build through initSync, the
// bundler build through node's WebAssembly modules, the exports map, and the types (tsc --noEmit --strict over tests/types.ts and
// tests/types-require.cts, resolved through the package's `exports`), and
// the README's node examples (its ```js blocks) run there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after, test } from 'node:test';
import { packageDir } from './package.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const npmDir = dirname(packageDir);
const tarballs = readdirSync(npmDir).filter((name) => /^idpool-.*\.tgz$/.test(name));
const tsc = join(here, '../node_modules/typescript/bin/tsc');

let project;

function run(file, args, options = {}) {
  return execFileSync(file, args, { cwd: project, encoding: 'utf8', timeout: 120_000, ...options });
}

before(() => {
  assert.equal(tarballs.length, 1, `expected one tarball in ${npmDir}, found ${tarballs}`);
  project = mkdtempSync(join(tmpdir(), 'idpool-install-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', join(npmDir, tarballs[0])]);
});

after(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

test('the tarball holds the package files and nothing else', () => {
  const listed = run('tar', ['-tzf', join(npmDir, tarballs[0])]).trim().split('\n').sort();
  assert.deepEqual(listed, [
    'package/README.md',
    'package/dist/bindgen-bundler.js',
    'package/dist/bindgen-node.cjs',
    'package/dist/bindgen-web.js',
    'package/dist/bundler.js',
    'package/dist/idpool_node_bg.wasm',
    'package/dist/idpool_wasm_bg.js',
    'package/dist/idpool_wasm_bg.wasm',
    'package/dist/node.cjs',
    'package/dist/node.mjs',
    'package/dist/web.js',
    'package/index.d.cts',
    'package/index.d.ts',
    'package/package.json',
  ]);
  const pkg = JSON.parse(readFileSync(join(project, 'node_modules/idpool/package.json'), 'utf8'));
  assert.equal(pkg.name, 'idpool');
  assert.equal(pkg.sideEffects, false);
  assert.deepEqual(pkg.files, ['dist/', 'index.d.ts', 'index.d.cts']);
});

test("require('idpool') works", () => {
  writeFileSync(
    join(project, 'use.cjs'),
    `const idpool = require('idpool');
     const report = idpool.check('DescribeIdentityPool', { IdentityPoolId: 'us-east-1_AbCdEfGhI' });
     console.log(JSON.stringify([idpool.version, report.ok, report.errors[0].code, idpool.targets().length]));`,
  );
  const [version, ok, code, count] = JSON.parse(run('node', ['use.cjs']));
  assert.match(version, /^\d+\.\d+\.\d+/);
  assert.deepEqual([ok, code], [false, 'pattern']);
  assert.ok(count > 100);
});

test("import('idpool') works, and is the same instance as require", () => {
  writeFileSync(
    join(project, 'use.mjs'),
    `import init, { check, planUpdate, version } from 'idpool';
     import { createRequire } from 'node:module';
     await init();
     const viaRequire = createRequire(import.meta.url)('idpool');
     const report = check('IdentityPoolName', '"Photos"');
     console.log(JSON.stringify([version, report.ok, viaRequire.check === check, typeof planUpdate]));`,
  );
  assert.deepEqual(JSON.parse(run('node', ['use.mjs'])), [JSON.parse(run('node', ['use.cjs']))[0], true, true, 'function']);
});

test("the web build ('idpool/web') needs init, then works (initSync with the bytes)", () => {
  writeFileSync(
    join(project, 'web.mjs'),
    `import { readFileSync } from 'node:fs';
     import { createRequire } from 'node:module';
     import { check, initSync, version } from 'idpool/web';
     let before;
     try { check('IdentityPoolName', '"x"'); } catch (e) { before = e.code; }
     const wasm = createRequire(import.meta.url).resolve('idpool/idpool_wasm_bg.wasm');
     initSync(readFileSync(wasm));
     console.log(JSON.stringify([before, version, check('IdentityPoolName', '"my#pool"').errors[0].code]));`,
  );
  const [before, version, code] = JSON.parse(run('node', ['web.mjs']));
  assert.equal(before, 'not_initialized');
  assert.match(version, /^\d+\.\d+\.\d+/);
  assert.equal(code, 'pattern');
});

test("the bundler build ('idpool/bundler') works where WebAssembly modules import", () => {
  // Node's --experimental-wasm-modules does what webpack's asyncWebAssembly
  // and vite's wasm plugins do: instantiate the .wasm on import.
  writeFileSync(
    join(project, 'bundler.mjs'),
    `import init, { check, version } from 'idpool/bundler';
     await init();
     console.log(JSON.stringify([version, check('IdentityPoolName', '"my#pool"').errors[0].code]));`,
  );
  const [version, code] = JSON.parse(run('node', ['--experimental-wasm-modules', '--no-warnings', 'bundler.mjs']));
  assert.match(version, /^\d+\.\d+\.\d+/);
  assert.equal(code, 'pattern');
});

test('the types check with tsc --noEmit --strict, for import and require', () => {
  copyFileSync(join(here, 'types.ts'), join(project, 'types.ts'));
  copyFileSync(join(here, 'types-require.cts'), join(project, 'types-require.cts'));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        lib: ['es2022'],
        types: [],
        noUnusedLocals: true,
        exactOptionalPropertyTypes: true,
      },
      files: ['types.ts', 'types-require.cts'],
    }),
  );
  try {
    run('node', [tsc, '-p', 'tsconfig.json']);
  } catch (error) {
    assert.fail(`tsc failed:\n${error.stdout}${error.stderr}`);
  }
});

test("the README's node examples run against the installed package", () => {
  const readme = readFileSync(join(project, 'node_modules/idpool/README.md'), 'utf8');
  const examples = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.ok(examples.length >= 4, `only ${examples.length} examples`);
  examples.forEach((code, index) => {
    const file = `readme-${index}.mjs`;
    writeFileSync(join(project, file), code);
    try {
      run('node', [file]);
    } catch (error) {
      assert.fail(`README example ${index + 1} failed:\n${code}\n${error.stderr}`);
    }
  });
});
