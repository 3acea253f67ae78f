// The web build in a real browser: Debian's Chromium, driven by
// playwright-core (no browser download), loading the package from a
// localhost static server. Runs every shared vector in the page, then drives
// the demo (bindings-wasm/demo) and saves a screenshot of it under
// <target>/npm/screenshots/. Every request that is not to the local server
// is aborted.
import assert from 'node:assert/strict';
import { cpSync, createReadStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { packageDir, repoRoot, targetDir } from './package.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const npmDir = dirname(packageDir);
const site = join(npmDir, 'site');
const screenshots = join(npmDir, 'screenshots');
const reportsFile = process.env.IDPOOL_VECTOR_REPORTS || join(targetDir, 'tmp/vector-reports.jsonl');
const TIMEOUT = 15_000;

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.jsonl': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

let server;
let origin;
let browser;

// The site: the demo at /, the package at /idpool/, the vectors at /vectors/.
function assembleSite() {
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  cpSync(join(here, '../demo'), site, { recursive: true });
  cpSync(packageDir, join(site, 'idpool'), { recursive: true });
  cpSync(join(repoRoot, 'tests/vectors'), join(site, 'vectors'), { recursive: true });
  cpSync(reportsFile, join(site, 'vector-reports.jsonl'));
  writeFileSync(join(site, 'empty.html'), '<!doctype html><title>idpool</title>');
}

function serve(request, response) {
  const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  const file = normalize(join(site, path.endsWith('/') ? `${path}index.html` : path));
  if (!file.startsWith(site + sep) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(response);
}

before(async () => {
  assert.ok(existsSync(executablePath), `no Chromium at ${executablePath}; run scripts/setup.sh`);
  assembleSite();
  server = createServer(serve);
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-domain-reliability',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
    ],
  });
});

after(async () => {
  await browser?.close().catch(() => {});
  await new Promise((ok) => (server ? server.close(ok) : ok()));
});

// A page that may reach the local server only, and whose errors fail the test.
async function openPage(path) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.route('**/*', (route) =>
    route.request().url().startsWith(`${origin}/`) ? route.continue() : route.abort('blockedbyclient'),
  );
  await page.goto(`${origin}${path}`);
  return { page, problems, close: () => context.close() };
}

test('every shared vector gives the Rust report in Chromium (web build)', { timeout: 120_000 }, async () => {
  const files = readdirSync(join(repoRoot, 'tests/vectors')).filter((name) => name.endsWith('.json')).sort();
  const { page, problems, close } = await openPage('/empty.html');
  try {
    const result = await page.evaluate(async (files) => {
      const api = await import('/idpool/dist/web.js');
      const raw = await import('/idpool/dist/bindgen-web.js');
      // raw.run(op, target, first, second?): op 0 check, 1 planUpdate, 2
      // resolveCredentials, 3 auditTrust (bindings-wasm/src/lib.rs, `op`).
      let notInitialized;
      try {
        api.check('IdentityPoolName', '"x"');
      } catch (error) {
        notInitialized = error.code;
      }
      await api.default();
      const rust = new Map();
      for (const line of (await (await fetch('/vector-reports.jsonl')).text()).split('\n')) {
        if (!line) continue;
        const head = JSON.parse(line.replace(/,"report":.*$/s, '}'));
        rust.set(`${head.file}\u0000${head.name}`, line.slice(line.indexOf(',"report":') + 10, -1));
      }
      const asInput = (value) => (typeof value === 'object' && value !== null ? value : JSON.stringify(value));
      const failures = [];
      let count = 0;
      for (const file of files) {
        const doc = await (await fetch(`/vectors/${file}`)).json();
        for (const c of doc.cases) {
          count++;
          let text;
          let report;
          const input = 'input' in c ? asInput(c.input) : c.inputText;
          const json = 'input' in c ? JSON.stringify(c.input) : c.inputText;
          if (c.operation === 'plan') {
            text = raw.run(1, '', JSON.stringify(c.input.current), JSON.stringify(c.input.desired));
            report = api.planUpdate(c.input.current, c.input.desired);
          } else if (c.operation === 'audit') {
            text = raw.run(3, '', json);
            report = api.auditTrust(input);
          } else if (c.operation === 'resolve') {
            text = raw.run(2, '', json);
            report = api.resolveCredentials(input);
          } else if (c.pool !== undefined) {
            text = raw.run(0, c.target, json, JSON.stringify(c.pool));
            report = api.check(c.target, input, { pool: c.pool });
          } else {
            text = raw.run(0, c.target, json);
            report = api.check(c.target, input);
          }
          const expected = rust.get(`${file}\u0000${c.name}`);
          // The raw layout marks `normalized` with two newlines (lazy_layout).
          if (text.replaceAll('\n', '') !== expected) failures.push(`${file}: ${c.name}: raw report differs`);
          else if (JSON.stringify(report) !== JSON.stringify(JSON.parse(expected)))
            failures.push(`${file}: ${c.name}: report object differs`);
        }
      }
      return { count, failures, notInitialized, reports: rust.size, version: api.version };
    }, files);
    assert.equal(result.notInitialized, 'not_initialized');
    assert.deepEqual(result.failures, []);
    assert.equal(result.count, result.reports);
    assert.ok(result.count > 500, `only ${result.count} vectors`);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

function samlResponse(values) {
  const xml =
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">' +
    '<saml:Assertion><saml:AttributeStatement><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">' +
    values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('') +
    '</saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>';
  return Buffer.from(xml).toString('base64');
}

async function rows(page, table) {
  return page.locator(`#${table} tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => [...tr.cells].slice(0, 2).map((td) => td.textContent)),
  );
}

test('the demo: type a pool, see its errors and fixes, pick a SAML role, audit a trust policy', { timeout: 120_000 }, async () => {
  const { page, problems, close } = await openPage('/');
  try {
    await page.waitForSelector('body[data-ready="true"]');
    assert.match(await page.textContent('#version'), /^idpool \d+\.\d+\.\d+/);

    // The example pool: a bad name, a user-pool name written as a URL, and
    // three things normalization fixes (the URL among them).
    assert.deepEqual(await rows(page, 'errors'), [
      ['/IdentityPoolName', 'pattern'],
      ['/CognitoIdentityProviders/0/ProviderName', 'invalid_user_pool_provider'],
    ]);
    assert.match(await page.textContent('#service-error'), /ValidationException: 1 validation error detected/);
    assert.equal(await page.isVisible('#fixes'), true);
    const fixes = await page.locator('#changes li').allTextContents();
    assert.ok(fixes.some((f) => f.includes('alias') && f.includes('"Facebook"') && f.includes('"graph.facebook.com"')), fixes.join('\n'));
    assert.ok(fixes.some((f) => f.includes('scheme removed')), fixes.join('\n'));

    // Another target, typed in.
    await page.selectOption('#target', 'CreateIdentityPool');
    await page.fill('#pool', '');
    await page.locator('#pool').pressSequentially('{"IdentityPoolName": "my#pool", "AllowUnauthenticatedIdentities": "yes", "Tags": 1}');
    assert.deepEqual(await rows(page, 'errors'), [
      ['/IdentityPoolName', 'pattern'],
      ['/AllowUnauthenticatedIdentities', 'type'],
      ['/Tags', 'unknown_member'],
    ]);
    assert.equal(await page.textContent('#status'), '3 errors, 0 warnings.');
    // A syntax error while typing is an issue too, with no crash.
    await page.locator('#pool').press('Backspace');
    assert.deepEqual(await rows(page, 'errors'), [['(input)', 'syntax']]);
    await page.fill('#pool', '{"IdentityPoolName": "my pool", "AllowUnauthenticatedIdentities": true}');
    assert.deepEqual(await rows(page, 'errors'), []);
    assert.equal(await page.textContent('#status'), 'Valid CreateIdentityPool.');

    // Back to the example, and take the normalized form.
    await page.selectOption('#target', 'IdentityPool');
    await page.fill('#pool', await page.evaluate(() => JSON.stringify({
      IdentityPoolId: 'US-EAST-1:0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0',
      IdentityPoolName: ' Photos ',
      AllowUnauthenticatedIdentities: false,
      SupportedLoginProviders: { Facebook: '7346241598935552' },
    }, null, 2)));
    assert.deepEqual(await rows(page, 'errors'), [['/IdentityPoolId', 'pattern']]);
    await page.click('#apply');
    assert.deepEqual(await rows(page, 'errors'), []);
    assert.equal(await page.isVisible('#fixes'), false);
    const applied = JSON.parse(await page.inputValue('#pool'));
    assert.equal(applied.IdentityPoolId, 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
    assert.deepEqual(applied.SupportedLoginProviders, { 'graph.facebook.com': '7346241598935552' });

    // A SAML response: a role picker.
    await page.fill('#saml', 'not a SAML response!');
    assert.equal(await page.textContent('#saml-status'), 'The SAML response is not base64.');
    const provider = 'arn:aws:iam::123456789012:saml-provider/CorpIdP';
    await page.fill('#saml', samlResponse([`${provider},arn:aws:iam::123456789012:role/Dev`, `arn:aws:iam::123456789012:role/Admin,${provider}`]));
    assert.equal(await page.textContent('#saml-status'), 'The assertion offers 2 roles.');
    assert.equal(await page.locator('#roles input[type=radio]').count(), 2);
    await page.locator('#roles input[type=radio]').nth(1).check();
    assert.equal(await page.textContent('#chosen'), 'CustomRoleArn: arn:aws:iam::123456789012:role/Admin');

    // Role trust: a valid pool with two providers and guests; the example
    // policy (no aud) admits the signed-in logins, not guests, and says why
    // it is unsafe.
    await page.fill('#pool', JSON.stringify({
      IdentityPoolId: 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
      IdentityPoolName: 'Photos',
      AllowUnauthenticatedIdentities: true,
      SupportedLoginProviders: { 'graph.facebook.com': '7346241598935552' },
      DeveloperProviderName: 'login.photos.example.com',
    }));
    assert.deepEqual(await rows(page, 'admits'), [
      ['guest (unauthenticated)', 'no'],
      ['signed in with graph.facebook.com', 'yes'],
      ['signed in with cognito-identity.amazonaws.com', 'yes'],
    ]);
    assert.equal(await page.textContent('#trust-status'), 'The policy admits 2 of the 3 kinds of identity this pool sends to it.');
    assert.deepEqual(await rows(page, 'trust-findings'), [
      ['/Statement/0/Condition', 'trust_aud_missing'],
      ['/Statement/0/Condition/ForAnyValue:StringLike/cognito-identity.amazonaws.com:amr', 'trust_denied'],
    ]);
    // sts:AssumeRole: nobody gets in.
    await page.fill('#trust-policy', (await page.inputValue('#trust-policy')).replace('sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole'));
    assert.deepEqual((await rows(page, 'admits')).map((r) => r[1]), ['no', 'no', 'no']);
    assert.equal((await rows(page, 'trust-findings'))[0][1], 'trust_wrong_action');

    // The example again, for the picture: errors, fixes and the picker.
    await page.evaluate(() => {
      const pool = document.getElementById('pool');
      pool.value = JSON.stringify({
        IdentityPoolId: 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
        IdentityPoolName: 'Photo sharing #1',
        AllowUnauthenticatedIdentities: false,
        SupportedLoginProviders: { Facebook: '7346241598935552', 'login.example.com': 'x' },
        CognitoIdentityProviders: [{ ProviderName: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI/', ClientId: '6g3jb2hyqsnkp1z7gcm5rqkj8e' }],
        OpenIdConnectProviderARNs: ['arn:aws:iam::123456789012:role/NotAProvider'],
        SamlProviderARNs: ['arn:aws:iam::123456789012:saml-provider/CorpIdP'],
      }, null, 2);
      pool.dispatchEvent(new Event('input'));
    });
    await page.locator('#roles input[type=radio]').nth(1).check();
    assert.deepEqual(await rows(page, 'errors'), [
      ['/IdentityPoolName', 'pattern'],
      ['/CognitoIdentityProviders/0/ProviderName', 'invalid_user_pool_provider'],
      ['/OpenIdConnectProviderARNs/0', 'invalid_arn'],
    ]);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: join(screenshots, 'demo.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
