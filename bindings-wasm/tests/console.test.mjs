// The console (bindings-wasm/console) on the bundler path a web console
// takes: the packed tarball of the package (scripts/build-npm.sh's `npm
// pack` output) installed into the console's Vite project, `vite build`,
// the built folder served by `python3 -m http.server` on 127.0.0.1, and the
// page driven in Debian's Chromium through playwright-core. The page must
// render the report of a valid and of an invalid pool, the fixes, and the
// role picker of a SAML sign-in. Screenshots go to
// <target>/npm/screenshots/console*.png. Every request that is not to the
// local server is aborted.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { packageDir } from './package.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const consoleDir = join(here, '../console');
const npmDir = dirname(packageDir);
const built = join(npmDir, 'console');
const screenshots = join(npmDir, 'screenshots');
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 15_000;

const POOL_ID = 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const IDENTITY_ID = 'us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696';
const SAML_PROVIDER = 'arn:aws:iam::123456789012:saml-provider/CorpIdP';
const EDITORS = 'arn:aws:iam::123456789012:role/PhotoEditors';
const VIEWERS = 'arn:aws:iam::123456789012:role/PhotoViewers';

let server;
let origin;
let browser;

// The tarball scripts/build-npm.sh packed (its size.txt names it).
function tarball() {
  const sizes = readFileSync(join(npmDir, 'size.txt'), 'utf8');
  const name = /^tarball (\S+)$/m.exec(sizes)?.[1];
  assert.ok(name, `no tarball line in ${join(npmDir, 'size.txt')}; run scripts/build-npm.sh`);
  return join(npmDir, name);
}

// `python3 -m http.server` on a free port of 127.0.0.1; resolves to its origin.
function startServer(root) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', root], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${seen}`)), TIMEOUT);
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const port = /port (\d+)/.exec(seen)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, origin: `http://127.0.0.1:${port}` });
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`http.server exited with ${code}: ${seen}`)));
  });
}

before(async () => {
  assert.ok(existsSync(executablePath), `no Chromium at ${executablePath}; run scripts/setup.sh`);
  const vite = join(consoleDir, 'node_modules/.bin/vite');
  assert.ok(existsSync(vite), `${vite} is missing; run scripts/setup.sh (npm ci in bindings-wasm/console)`);
  // The package as a user gets it: the packed tarball, installed by npm
  // (--no-save: the console's package.json and lock pin only Vite).
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', tarball()], {
    cwd: consoleDir,
    stdio: 'inherit',
  });
  for (const file of ['package.json', 'dist/web.js', 'dist/idpool_wasm_bg.wasm']) {
    assert.ok(
      readFileSync(join(consoleDir, 'node_modules/idpool', file)).equals(readFileSync(join(packageDir, file))),
      `node_modules/idpool/${file} is not the freshly built package's`,
    );
  }
  execFileSync(vite, ['build', '--outDir', built, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: consoleDir,
    stdio: 'inherit',
  });
  ({ child: server, origin } = await startServer(built));
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close().catch(() => {});
  if (server) {
    server.removeAllListeners('exit');
    server.kill();
  }
});

async function openConsole() {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  const requests = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return url.startsWith(`${origin}/`) ? route.continue() : route.abort('blockedbyclient');
  });
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#version'));
  return { page, problems, requests, close: () => context.close() };
}

async function checkPool(page, pool, target = 'IdentityPool') {
  await page.selectOption('#target', target);
  await page.fill('#pool', typeof pool === 'string' ? pool : JSON.stringify(pool, null, 2));
  await page.click('#check');
  await page.waitForSelector('#report:not([hidden])');
}

async function issueRows(page) {
  return page
    .locator('#errors tbody tr')
    .evaluateAll((rows) => rows.map((row) => [row.dataset.severity, ...[...row.cells].slice(0, 2).map((td) => td.textContent)]));
}

// A SAML response whose assertion offers `roles` through SAML_PROVIDER.
function samlResponse(roles) {
  const xml =
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">' +
    '<saml:Assertion><saml:AttributeStatement><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">' +
    roles.map((role) => `<saml:AttributeValue>${role},${SAML_PROVIDER}</saml:AttributeValue>`).join('') +
    '</saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>';
  return Buffer.from(xml).toString('base64');
}

test('the bundle carries the package: its .wasm is an emitted asset, served as application/wasm', async () => {
  const assets = readdirSync(join(built, 'assets'));
  const wasm = assets.filter((name) => name.endsWith('.wasm'));
  assert.equal(wasm.length, 1, assets.join(', '));
  assert.ok(readFileSync(join(built, 'assets', wasm[0])).equals(readFileSync(join(packageDir, 'dist/idpool_wasm_bg.wasm'))));
  const response = await fetch(`${origin}/assets/${wasm[0]}`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/wasm');
  // The page loads only its own files.
  const { page, problems, requests, close } = await openConsole();
  try {
    assert.match(await page.textContent('#version'), /^idpool \d+\.\d+\.\d+, bundled by Vite$/);
    assert.deepEqual(requests.filter((url) => !url.startsWith(`${origin}/`)), []);
    assert.ok(requests.some((url) => url.endsWith('.wasm')), requests.join('\n'));
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('an invalid pool: its errors and the service\'s answer', { timeout: 60_000 }, async () => {
  const { page, problems, close } = await openConsole();
  try {
    await checkPool(page, {
      IdentityPoolId: 'US-EAST-1:0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0',
      IdentityPoolName: 'Photo sharing #1',
      AllowUnauthenticatedIdentities: 'no',
      OpenIdConnectProviderARNs: ['arn:aws:iam::123456789012:role/NotAProvider'],
    });
    assert.equal(await page.getAttribute('#status', 'class'), 'invalid');
    assert.equal(await page.textContent('#status'), '4 errors, 0 warnings.');
    assert.deepEqual(await issueRows(page), [
      ['error', '/IdentityPoolId', 'pattern'],
      ['error', '/IdentityPoolName', 'pattern'],
      ['error', '/AllowUnauthenticatedIdentities', 'type'],
      ['error', '/OpenIdConnectProviderARNs/0', 'invalid_arn'],
    ]);
    assert.match(await page.textContent('#service-error'), /^The service would answer SerializationException: /);
    // Text that is not JSON is an issue too, never a crash.
    await checkPool(page, '{"IdentityPoolName": ');
    assert.deepEqual(await issueRows(page), [['error', '(input)', 'syntax']]);
    assert.equal(await page.isVisible('#fixes'), false);
    // An operation's input, typed in.
    await checkPool(page, '{"IdentityPoolName": "my#pool", "AllowUnauthenticatedIdentities": true, "Tags": 1}', 'CreateIdentityPool');
    assert.deepEqual(await issueRows(page), [
      ['error', '/IdentityPoolName', 'pattern'],
      ['error', '/Tags', 'unknown_member'],
    ]);
    assert.match(await page.textContent('#service-error'), /ValidationException: 1 validation error detected: Value 'my#pool' at 'identityPoolName'/);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'console-invalid.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a valid pool: its report and fixes; a SAML role picker; the canonical form', { timeout: 60_000 }, async () => {
  const { page, problems, close } = await openConsole();
  try {
    await checkPool(page, {
      IdentityPoolId: POOL_ID,
      IdentityPoolName: 'Photos',
      AllowUnauthenticatedIdentities: false,
      SupportedLoginProviders: { Facebook: '7346241598935552' },
      SamlProviderARNs: [SAML_PROVIDER],
    });
    assert.equal(await page.getAttribute('#status', 'class'), 'ok');
    assert.equal(await page.textContent('#status'), 'Valid IdentityPool; 0 warnings.');
    assert.deepEqual(await issueRows(page), []);
    assert.equal(await page.textContent('#service-error'), '');
    // The fix normalization suggests.
    assert.equal(await page.isVisible('#fixes'), true);
    assert.deepEqual(await page.locator('#changes li').allTextContents(), [
      '/SupportedLoginProviders/Facebook alias: "Facebook" → "graph.facebook.com"',
    ]);

    // SAML: a response that cannot be read says why.
    await page.fill('#identity-id', IDENTITY_ID);
    await page.fill('#saml', 'not a SAML response!');
    await page.click('#resolve');
    assert.equal(await page.textContent('#saml-status'), 'The SAML response is not base64.');
    // One role: the service would pick it; no picker.
    await page.fill('#saml', samlResponse([EDITORS]));
    await page.click('#resolve');
    assert.equal(await page.isVisible('#roles'), false);
    assert.equal(await page.textContent('#decision'), `Credentials for ${EDITORS} (single role).`);
    // Two roles: resolveCredentials answers ambiguous_role with the roles in
    // its params; the console offers them, and the pick is the CustomRoleArn.
    await page.fill('#saml', samlResponse([EDITORS, VIEWERS]));
    await page.click('#resolve');
    assert.equal(await page.textContent('#saml-status'), `The assertion offers 2 roles through ${SAML_PROVIDER}.`);
    assert.equal(await page.textContent('#decision'), '');
    const radios = page.locator('#roles input[type=radio]');
    assert.deepEqual(await radios.evaluateAll((inputs) => inputs.map((input) => input.value)), [EDITORS, VIEWERS]);
    await radios.nth(1).check();
    assert.equal(await page.textContent('#decision'), `Credentials for ${VIEWERS} (custom role arn).`);
    await radios.nth(0).check();
    assert.equal(await page.textContent('#decision'), `Credentials for ${EDITORS} (custom role arn).`);

    // The picture: report, fixes, picker and decision.
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'console.png'), fullPage: true });

    // The canonical form, on request, checks clean with nothing left to fix.
    await page.click('#apply');
    const applied = JSON.parse(await page.inputValue('#pool'));
    assert.deepEqual(applied.SupportedLoginProviders, { 'graph.facebook.com': '7346241598935552' });
    assert.equal(await page.textContent('#status'), 'Valid IdentityPool; 0 warnings.');
    assert.equal(await page.isVisible('#fixes'), false);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
