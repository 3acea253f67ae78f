// The npm package's API beyond the vectors: misuse throws real Errors with a
// code, objects and JSON texts give equal reports, the limits hold, and no
// token ever comes back out.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { coreText, idpool, idpoolCjs, packageDir, raw, repoRoot } from './package.mjs';

const POOL = {
  IdentityPoolId: 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  IdentityPoolName: 'Photos',
  AllowUnauthenticatedIdentities: false,
  SupportedLoginProviders: { 'graph.facebook.com': '7346241598935552' },
  CognitoIdentityProviders: [
    { ProviderName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI', ClientId: '6g3jb2hyqsnkp1z7gcm5rqkj8e' },
  ],
  SamlProviderARNs: ['arn:aws:iam::123456789012:saml-provider/CorpIdP'],
};

const SAML_ROLE_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/Role';

function samlResponse(values) {
  const xml =
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">' +
    `<saml:Assertion><saml:AttributeStatement><saml:Attribute Name="${SAML_ROLE_ATTRIBUTE}">` +
    values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('') +
    '</saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>';
  return Buffer.from(xml).toString('base64');
}

function throwsWith(fn, code, ErrorType = Error) {
  let caught;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught, `expected an error with code ${code}`);
  assert.ok(caught instanceof ErrorType, `expected a ${ErrorType.name}, got ${caught}`);
  assert.equal(caught.code, code);
  assert.equal(typeof caught.message, 'string');
  return caught;
}

test('the API is exactly docs/REFERENCE.md section 9', () => {
  const names = ['check', 'planUpdate', 'resolveCredentials', 'auditTrust', 'samlRoles', 'loginKeys', 'parseIdentityPoolId', 'targets'];
  for (const name of names) assert.equal(typeof idpool[name], 'function', name);
  assert.equal(typeof idpool.default, 'function', 'init');
  assert.equal(typeof idpool.initSync, 'function');
  assert.equal(idpool.version, raw.version(), 'version is the core version');
  assert.match(idpool.version, /^\d+\.\d+\.\d+/);
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  assert.equal(pkg.version, idpool.version, 'package.json version is the crate version');
});

test('CommonJS and ES module entries share one instance', () => {
  assert.equal(idpoolCjs.check, idpool.check);
  assert.equal(idpoolCjs.version, idpool.version);
  assert.equal(idpoolCjs.default, idpoolCjs.init);
});

test('init is a no-op in node', async () => {
  await idpool.default();
  idpool.initSync();
  assert.equal(idpool.check('IdentityPoolName', '"Photos"').ok, true);
});

test('a report is a plain object, the core report as JSON.parse reads it', () => {
  const input = { IdentityPoolId: 'us-east-1_AbCdEfGhI' };
  const report = idpool.check('DescribeIdentityPool', input);
  assert.equal(Object.getPrototypeOf(report), Object.prototype);
  assert.deepEqual(report, JSON.parse(raw.check('DescribeIdentityPool', JSON.stringify(input))));
  assert.equal(report.ok, false);
  assert.deepEqual(report.errors.map((e) => [e.path, e.code]), [['/IdentityPoolId', 'pattern']]);
  assert.equal(report.serviceError.type, 'ValidationException');
});

test('normalized is parsed on first read, in place, and serializes with the rest', () => {
  const pool = {
    IdentityPoolId: 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    IdentityPoolName: 'Photos',
    AllowUnauthenticatedIdentities: false,
    SupportedLoginProviders: { Facebook: '7346241598935552' },
  };
  const rust = coreText(raw.check('IdentityPool', JSON.stringify(pool)));
  const fresh = () => idpool.check('IdentityPool', pool);
  const descriptor = (report) => Object.getOwnPropertyDescriptor(report, 'normalized');

  // Reading ok, errors and changes leaves normalized unparsed.
  const report = fresh();
  assert.equal(report.ok, true);
  assert.deepEqual(report.errors, []);
  assert.equal(report.changes.length, 1);
  assert.equal(typeof descriptor(report).get, 'function', 'an accessor until read');
  assert.equal(descriptor(report).enumerable, true);
  // Member order is the core's, with normalized where the core puts it.
  assert.deepEqual(Object.keys(report), Object.keys(JSON.parse(rust)));
  // The first read parses it and turns it into a plain data property.
  const normalized = report.normalized;
  assert.deepEqual(normalized, JSON.parse(rust).normalized);
  assert.equal(normalized.SupportedLoginProviders['graph.facebook.com'], '7346241598935552');
  assert.equal(descriptor(report).value, normalized);
  assert.equal(descriptor(report).writable, true);
  assert.equal(report.normalized, normalized, 'parsed once, then kept');
  assert.deepEqual(Object.keys(report), Object.keys(JSON.parse(rust)));

  // JSON.stringify, spreading, structuredClone and deep equality see it
  // without a read first, as if it had been parsed eagerly.
  assert.equal(JSON.stringify(fresh()), rust);
  assert.equal(JSON.stringify({ ...fresh() }), rust);
  assert.deepEqual(structuredClone(fresh()), JSON.parse(rust));
  assert.deepEqual(fresh(), JSON.parse(rust));
  // console.log shows the value, and the object is then an ordinary one.
  const logged = fresh();
  const shown = inspect(logged, { depth: 5 });
  assert.match(shown, /normalized: \{/);
  assert.match(shown, /'graph\.facebook\.com': '7346241598935552'/);
  assert.doesNotMatch(shown, /Getter/);
  assert.equal(typeof descriptor(logged).get, 'undefined');
  assert.deepEqual(Reflect.ownKeys(logged), Object.keys(JSON.parse(rust)));
  assert.equal(inspect(logged, { depth: 5 }), shown);
  // Assigning replaces it, like any property.
  const assigned = fresh();
  assigned.normalized = 'replaced';
  assert.equal(assigned.normalized, 'replaced');
  assert.equal(descriptor(assigned).value, 'replaced');
  // Deleting it works before and after a read.
  const deleted = fresh();
  assert.equal(delete deleted.normalized, true);
  assert.equal('normalized' in deleted, false);
  // Each report has its own value.
  const a = fresh();
  const b = fresh();
  a.normalized.IdentityPoolName = 'changed';
  assert.equal(b.normalized.IdentityPoolName, 'Photos');
  // Before a read, only the hidden inspect method is there besides the members.
  assert.deepEqual(Object.getOwnPropertySymbols(fresh()).map(String), ['Symbol(nodejs.util.inspect.custom)']);

  // Every report-returning function is lazy the same way.
  const plan = idpool.planUpdate(pool, pool);
  assert.equal(typeof descriptor(plan).get, 'function');
  assert.equal(JSON.stringify(plan), coreText(raw.planUpdate(JSON.stringify(pool), JSON.stringify(pool))));
  // A report without normalized has no such member.
  const broken = idpool.check('IdentityPool', '{');
  assert.equal('normalized' in broken, false);
  assert.equal(JSON.stringify(broken), coreText(raw.check('IdentityPool', '{')));
});

test('objects and JSON texts give equal reports, member order kept', () => {
  const bad = { IdentityPoolName: 'my#pool', AllowUnauthenticatedIdentities: 'no', Extra: 1 };
  const fromObject = idpool.check('CreateIdentityPool', bad);
  const fromText = idpool.check('CreateIdentityPool', JSON.stringify(bad));
  assert.deepEqual(fromObject, fromText);
  assert.deepEqual(
    fromObject.errors.map((e) => e.path),
    ['/IdentityPoolName', '/AllowUnauthenticatedIdentities', '/Extra'],
    'input order',
  );
  const reordered = { Extra: 1, AllowUnauthenticatedIdentities: 'no', IdentityPoolName: 'my#pool' };
  assert.deepEqual(
    idpool.check('CreateIdentityPool', reordered).errors.map((e) => e.path),
    ['/Extra', '/AllowUnauthenticatedIdentities', '/IdentityPoolName'],
  );
  assert.deepEqual(idpool.loginKeys(POOL), idpool.loginKeys(JSON.stringify(POOL)));
  assert.deepEqual(idpool.planUpdate(POOL, POOL), idpool.planUpdate(JSON.stringify(POOL), JSON.stringify(POOL)));
  // Arrays are inputs too (list shapes), and a top-level string is JSON text.
  assert.equal(idpool.check('OIDCProviderList', ['arn:aws:iam::123456789012:oidc-provider/a.example.com']).ok, true);
  assert.equal(idpool.check('IdentityPoolName', '"Photos"').ok, true);
  assert.equal(idpool.check('IdentityPoolName', 'Photos').errors[0].code, 'syntax');
});

test('check with a pool checks role-mapping keys against it', () => {
  const roles = {
    IdentityPoolId: POOL.IdentityPoolId,
    Roles: { authenticated: 'arn:aws:iam::123456789012:role/Auth' },
    RoleMappings: { 'accounts.google.com': { Type: 'Token', AmbiguousRoleResolution: 'Deny' } },
  };
  assert.equal(idpool.check('SetIdentityPoolRoles', roles).ok, true, 'without a pool, keys are not checked');
  const report = idpool.check('SetIdentityPoolRoles', roles, { pool: POOL });
  assert.deepEqual(report.errors.map((e) => e.code), ['role_mapping_provider']);
  assert.deepEqual(idpool.check('SetIdentityPoolRoles', roles, { pool: JSON.stringify(POOL) }), report);
  assert.deepEqual(idpool.check('SetIdentityPoolRoles', roles, {}), idpool.check('SetIdentityPoolRoles', roles));
  assert.deepEqual(idpool.check('SetIdentityPoolRoles', roles, null), idpool.check('SetIdentityPoolRoles', roles));
});

test('an unknown target throws unknown_target, with a suggestion', () => {
  const error = throwsWith(() => idpool.check('createidentitypool', {}), 'unknown_target');
  assert.equal(error.suggestion, 'CreateIdentityPool');
  assert.match(error.message, /unknown target "createidentitypool"/);
  throwsWith(() => idpool.check('NoSuchThing', '{}'), 'unknown_target');
  throwsWith(() => idpool.check('NoSuchThing', '{}', { pool: POOL }), 'unknown_target');
  throwsWith(() => idpool.check('NoSuchThing', 'x'.repeat(2 << 20)), 'unknown_target');
});

test('arguments of the wrong type throw TypeError invalid_argument, without their value', () => {
  const secret = 'eyJhbGciOiJub25lIn0.c2VjcmV0.';
  const cases = [
    () => idpool.check(42, {}),
    () => idpool.check(undefined, {}),
    () => idpool.check('IdentityPool'),
    () => idpool.check('IdentityPool', null),
    () => idpool.check('IdentityPool', 42),
    () => idpool.check('IdentityPool', true),
    () => idpool.check('IdentityPool', new Map([['IdentityPoolId', secret]])),
    () => idpool.check('IdentityPool', new Set([secret])),
    () => idpool.check('IdentityPool', new TextEncoder().encode(secret)),
    () => idpool.check('IdentityPool', { n: 10n }),
    () => idpool.check('IdentityPool', {}, 'pool'),
    () => idpool.check('IdentityPool', {}, { pool: 5 }),
    () => idpool.check('IdentityPool', {}, { pol: POOL }),
    () => idpool.planUpdate(POOL),
    () => idpool.resolveCredentials(null),
    () => idpool.samlRoles({ SAMLResponse: secret }),
    () => idpool.loginKeys(7),
    () => idpool.parseIdentityPoolId(null),
    () => {
      const cycle = { secret };
      cycle.self = cycle;
      idpool.check('IdentityPool', cycle);
    },
  ];
  for (const fn of cases) {
    const error = throwsWith(fn, 'invalid_argument', TypeError);
    assert.ok(!error.message.includes(secret), error.message);
  }
});

test('samlRoles: the roles of a response, or saml_invalid with a reason', () => {
  const role = 'arn:aws:iam::123456789012:role/Dev';
  const admin = 'arn:aws:iam::123456789012:role/Admin';
  const provider = 'arn:aws:iam::123456789012:saml-provider/CorpIdP';
  assert.deepEqual(idpool.samlRoles(samlResponse([`${provider},${role}`, `${admin}, ${provider}`])), [
    { roleArn: role, providerArn: provider },
    { roleArn: admin, providerArn: provider },
  ]);
  assert.deepEqual(idpool.samlRoles(samlResponse([])), []);
  const notBase64 = throwsWith(() => idpool.samlRoles('<Response>not base64</Response>'), 'saml_invalid');
  assert.equal(notBase64.reason, 'base64');
  assert.ok(!notBase64.message.includes('Response>'), notBase64.message);
  const notXml = throwsWith(() => idpool.samlRoles(Buffer.from('secret <unclosed').toString('base64')), 'saml_invalid');
  assert.equal(notXml.reason, 'xml');
  assert.ok(!notXml.message.includes('secret'), notXml.message);
  const notResponse = throwsWith(() => idpool.samlRoles(Buffer.from('<Other/>').toString('base64')), 'saml_invalid');
  assert.equal(notResponse.reason, 'not_a_response');
});

test('loginKeys: the keys a pool accepts; not a JSON object throws invalid_argument with the issue', () => {
  assert.deepEqual(idpool.loginKeys(POOL), [
    { key: 'graph.facebook.com', kind: 'social', provider: 'graph.facebook.com' },
    {
      key: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI',
      kind: 'user_pool',
      provider: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI',
      clientIds: ['6g3jb2hyqsnkp1z7gcm5rqkj8e'],
    },
    {
      key: 'arn:aws:iam::123456789012:saml-provider/CorpIdP',
      kind: 'saml',
      provider: 'arn:aws:iam::123456789012:saml-provider/CorpIdP',
    },
  ]);
  // Lenient: a pool being typed still shows its keys.
  assert.deepEqual(
    idpool.loginKeys({ SupportedLoginProviders: { Google: 'x' }, IdentityPoolName: 5 }).map((k) => k.key),
    ['accounts.google.com'],
  );
  const syntax = throwsWith(() => idpool.loginKeys('{"SupportedLoginProviders": '), 'invalid_argument');
  assert.equal(syntax.issue.code, 'syntax');
  assert.equal(syntax.issue.params.line, 1);
  const array = throwsWith(() => idpool.loginKeys([]), 'invalid_argument');
  assert.equal(array.issue.code, 'type');
});

test('parseIdentityPoolId: parts or null', () => {
  assert.deepEqual(idpool.parseIdentityPoolId('us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'), {
    region: 'us-east-1',
    guid: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  });
  for (const bad of ['', 'us-east-1_AbCdEfGhI', 'us-east-1:0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0', 'x:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0']) {
    assert.equal(idpool.parseIdentityPoolId(bad), null, bad);
  }
});

test('targets: 23 operations then the shapes; every one checks', () => {
  const names = idpool.targets();
  assert.equal(names[0], 'CreateIdentityPool');
  assert.ok(names.includes('IdentityPool'));
  assert.equal(new Set(names).size, names.length);
  assert.deepEqual(JSON.parse(raw.targets()), names);
  names.push('mutated');
  assert.ok(!idpool.targets().includes('mutated'), 'each call returns a fresh array');
  for (const name of idpool.targets()) assert.equal(idpool.check(name, '{}').target, name);
});

test('resolveCredentials: a decision, or why not', () => {
  const context = {
    Pool: { ...POOL, AllowUnauthenticatedIdentities: true },
    Roles: { unauthenticated: 'arn:aws:iam::123456789012:role/Guest' },
    Request: { IdentityId: 'us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696' },
  };
  const report = idpool.resolveCredentials(context);
  assert.equal(report.target, 'GetCredentialsForIdentity');
  assert.deepEqual(report.decision, {
    identityType: 'unauthenticated',
    roleArn: 'arn:aws:iam::123456789012:role/Guest',
    source: 'default',
  });
  assert.deepEqual(idpool.resolveCredentials(JSON.stringify(context)), report);
  const refused = idpool.resolveCredentials({ ...context, Pool: POOL });
  assert.equal(refused.ok, false);
  assert.equal(refused.decision, undefined);
  assert.equal(refused.errors[0].code, 'unauthenticated_not_allowed');
});

test('resolveCredentials: the trust verdict of the decided role', () => {
  const guest = 'arn:aws:iam::123456789012:role/Guest';
  const trusting = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Guests',
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL.IdentityPoolId },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
        },
      },
    ],
  };
  const context = {
    Pool: { ...POOL, AllowUnauthenticatedIdentities: true },
    Roles: { unauthenticated: guest },
    Request: { IdentityId: 'us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696' },
    TrustPolicies: { [guest]: trusting },
  };
  assert.deepEqual(idpool.resolveCredentials(context).decision.trust, { allowed: true, statement: 0, sid: 'Guests' });
  // The same policy as IAM's raw API returns it: URL-encoded JSON text.
  const encoded = { ...context, TrustPolicies: { [guest]: encodeURIComponent(JSON.stringify(trusting)) } };
  assert.deepEqual(idpool.resolveCredentials(encoded).decision.trust.statement, 0);
  const otherPool = structuredClone(trusting);
  otherPool.Statement[0].Condition.StringEquals['cognito-identity.amazonaws.com:aud'] = 'us-east-1:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
  const refused = idpool.resolveCredentials({ ...context, TrustPolicies: { [guest]: otherPool } });
  assert.equal(refused.ok, false);
  assert.equal(refused.errors[0].code, 'trust_denied');
  assert.equal(refused.errors[0].params.reason, 'condition');
  assert.equal(refused.errors[0].params.key, 'cognito-identity.amazonaws.com:aud');
  assert.equal(refused.serviceError.type, 'InvalidIdentityPoolConfigurationException');
});

test('auditTrust: every role the pool hands out, and the findings', () => {
  const auth = 'arn:aws:iam::123456789012:role/Auth';
  const context = {
    Pool: { ...POOL, SupportedLoginProviders: { 'graph.facebook.com': '7346241598935552' } },
    Roles: { authenticated: auth },
    TrustPolicies: {
      [auth]: {
        Version: '2012-10-17',
        Statement: {
          Effect: 'Allow',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
        },
      },
    },
  };
  const report = idpool.auditTrust(context);
  assert.equal(report.target, 'AuditTrust');
  // Both logins reach the role (SAML does not: its roles come from the assertion).
  assert.deepEqual(report.audit, [
    {
      roleArn: auth,
      reachedBy: [
        { identityType: 'authenticated', provider: 'graph.facebook.com' },
        { identityType: 'authenticated', provider: POOL.CognitoIdentityProviders[0].ProviderName },
      ],
      allowed: [true, true],
    },
  ]);
  assert.deepEqual(
    report.errors.map((e) => [e.path, e.code]),
    [['/TrustPolicies/arn:aws:iam::123456789012:role~1Auth/Statement/Condition', 'trust_aud_missing']],
  );
  assert.deepEqual(idpool.auditTrust(JSON.stringify(context)), report);
  throwsWith(() => idpool.auditTrust(42), 'invalid_argument', TypeError);
  assert.equal(idpool.auditTrust('{').errors[0].code, 'syntax');
});

test('planUpdate: the plan of an update', () => {
  const desired = { ...POOL, SupportedLoginProviders: { Facebook: '7346241598935552' } };
  delete desired.SamlProviderARNs;
  const report = idpool.planUpdate(POOL, desired);
  assert.equal(report.target, 'UpdateIdentityPool');
  assert.deepEqual(report.plan.changes.map((c) => [c.path, c.op]), [['/SamlProviderARNs', 'remove']]);
  assert.deepEqual(report.warnings.map((w) => w.code), ['reset_to_default']);
});

test('check writes its input through the input buffer: the same report as wasm-bindgen strings', () => {
  const texts = [
    '{"IdentityPoolName":"caf\u00e9 \u{1F600}","AllowUnauthenticatedIdentities":true}',
    '"\ud800 lone \udc00 surrogates"',
    JSON.stringify('x'.repeat(200_000)), // a buffer too large to keep
    '"short after long"',
    '',
    '{"IdentityPoolName":"p","AllowUnauthenticatedIdentities":false}',
  ];
  for (const text of texts) {
    for (const target of ['CreateIdentityPool', 'IdentityPoolName']) {
      assert.equal(JSON.stringify(idpool.check(target, text)), coreText(raw.check(target, text)), `${target} ${text.slice(0, 40)}`);
    }
  }
  const pool = { IdentityPoolId: 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', IdentityPoolName: 'p', AllowUnauthenticatedIdentities: false };
  const roles = '{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","Roles":{"authenticated":"arn:aws:iam::123456789012:role/\u00c9"}}';
  assert.equal(
    JSON.stringify(idpool.check('SetIdentityPoolRoles', roles, { pool })),
    coreText(raw.check('SetIdentityPoolRoles', roles, JSON.stringify(pool))),
  );
});

test('planUpdate, resolveCredentials, auditTrust and loginKeys pass their texts through the input buffer alike', () => {
  const current = '{"IdentityPoolId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0","IdentityPoolName":"caf\u00e9","AllowUnauthenticatedIdentities":false,"SupportedLoginProviders":{"graph.facebook.com":"\u{1F600}"}}';
  const desired = current.replace('caf\u00e9', '\ud800 na\u00efve');
  for (const [a, b] of [[current, desired], [desired, current], ['{', current], [current, '[]']]) {
    assert.equal(JSON.stringify(idpool.planUpdate(a, b)), coreText(raw.planUpdate(a, b)));
  }
  const contexts = [
    `{"Pool":${current},"Request":{"IdentityId":"us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"}}`,
    `{"Pool":${current},"Roles":{"unauthenticated":"arn:aws:iam::123456789012:role/G\u00e4st"},"TrustPolicies":{}}`,
    '"\u00e9"',
  ];
  for (const context of contexts) {
    assert.equal(JSON.stringify(idpool.resolveCredentials(context)), coreText(raw.resolveCredentials(context)));
    assert.equal(JSON.stringify(idpool.auditTrust(context)), raw.auditTrust(context));
  }
  assert.equal(JSON.stringify(idpool.loginKeys(current)), raw.loginKeys(current));
  assert.throws(() => idpool.loginKeys('[\u00e9'), (error) => error.code === 'invalid_argument' && error.issue.code === 'syntax');
});

test('limits: over 1 MiB and deeper than 64 are syntax issues, as in Rust', () => {
  const limit = 1 << 20;
  const name = (n) => JSON.stringify('a'.repeat(n - 2));
  // Exactly at the limit: read; one byte over: refused.
  assert.notEqual(idpool.check('IdentityPoolName', name(limit)).errors[0]?.params?.limit, limit);
  for (const text of [name(limit + 1), name(3 * limit), JSON.stringify('\u00e9'.repeat(limit / 2))]) {
    const report = idpool.check('IdentityPoolName', text);
    assert.equal(report.errors.length, 1);
    assert.equal(report.errors[0].code, 'syntax');
    assert.equal(report.errors[0].params.limit, limit);
    assert.equal(report.errors[0].params.actual, Buffer.byteLength(text));
    // The same report as the core reading the whole text.
    assert.equal(JSON.stringify(report), coreText(raw.check('IdentityPoolName', text)));
  }
  // Characters outside the BMP and lone surrogates count as UTF-8 does.
  for (const text of [`"${'\u{1F600}'.repeat(limit / 3)}"`, `"${'\ud800'.repeat(limit / 2)}"`]) {
    assert.equal(JSON.stringify(idpool.check('IdentityPoolName', text)), coreText(raw.check('IdentityPoolName', text)));
  }
  // Depth: 64 levels are read, 65 are not.
  const nest = (n) => '['.repeat(n) + ']'.repeat(n);
  assert.notEqual(idpool.check('OIDCProviderList', nest(64)).errors[0]?.params?.limit, 64);
  const deep = idpool.check('OIDCProviderList', nest(65));
  assert.equal(deep.errors[0].code, 'syntax');
  assert.equal(deep.errors[0].params.limit, 64);
  let object = {};
  for (let i = 0; i < 65; i++) object = { a: object };
  assert.equal(idpool.check('IdentityPool', object).errors[0].code, 'syntax');
  // Hostile sizes never throw.
  assert.equal(idpool.resolveCredentials('['.repeat(100000)).errors[0].code, 'syntax');
  assert.equal(idpool.planUpdate('{', '[').ok, false);
});

test('no token or secret ever comes back out', () => {
  const tokens = [];
  const collect = (value) => {
    if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (['Logins', 'SecretKey', 'SessionToken', 'OIDCToken', 'Token'].includes(key) && inner) {
          if (typeof inner === 'string') tokens.push(inner);
          else for (const token of Object.values(inner)) if (typeof token === 'string' && token.length >= 8) tokens.push(token);
        }
        collect(inner);
      }
    }
  };
  const vectors = JSON.parse(readFileSync(join(repoRoot, 'tests/vectors/credentials.json'), 'utf8'));
  let checked = 0;
  for (const testCase of vectors.cases) {
    tokens.length = 0;
    collect(testCase.input);
    const report = JSON.stringify(idpool.resolveCredentials(testCase.input));
    const asRequest = JSON.stringify(idpool.check('GetCredentialsForIdentity', testCase.input.Request ?? {}));
    for (const token of tokens) {
      assert.ok(!report.includes(token), `${testCase.name}: a token is in the report`);
      assert.ok(!asRequest.includes(token), `${testCase.name}: a token is in the check report`);
      checked++;
    }
  }
  assert.ok(checked > 20, `only ${checked} tokens checked`);
  const credentials = {
    AccessKeyId: 'ASIAEXAMPLEEXAMPLE12',
    SecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY',
    SessionToken: 'IQoJb3JpZ2luX2VjSESSIONTOKEN',
    Expiration: 'not a time',
  };
  const report = JSON.stringify(idpool.check('Credentials', credentials));
  assert.ok(!report.includes(credentials.SecretKey));
  assert.ok(!report.includes(credentials.SessionToken));
  assert.ok(report.includes('*** Sensitive Data Redacted ***'));
});

test('secrets stay concealed whatever the JSON type of their container', () => {
  // Issue: Logins as a list or a string, a repeated Logins, Credentials as
  // a list, or a misspelt SecretKey brought the token back in normalized
  // and changes.
  const id = 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
  const cases = [
    ['GetCredentialsForIdentity', { IdentityId: id, Logins: [{ 'graph.facebook.com': 'TOKMARK' }] }],
    ['GetCredentialsForIdentity', `{"IdentityId":"${id}","Logins":{"a":"x"},"Logins":"TOKMARK"}`],
    ['GetCredentialsForIdentity', { IdentityId: id, Logins: 'TOKMARK' }],
    ['GetCredentialsForIdentity', { IdentityId: id, Logins: { a: ['TOKMARK', 918273645546372819n.toString()] } }],
    ['GetCredentialsForIdentityResponse', { Credentials: [{ SecretKey: 'TOKMARK' }] }],
    ['Credentials', '{"Secretkey":"TOKMARK","Secretkey":"TOKMARK"}'],
  ];
  for (const [target, input] of cases) {
    const report = idpool.check(target, input);
    const text = JSON.stringify(report);
    assert.ok(!text.includes('TOKMARK'), `${target}: the secret is in ${text}`);
    assert.ok(!inspect(report, { depth: null }).includes('TOKMARK'));
  }
});

test('a 1 000 000-deep input is a syntax issue, never a crash', () => {
  const nest = (n) => '['.repeat(n) + ']'.repeat(n);
  const million = `{"IdentityPoolName":"x","AllowUnauthenticatedIdentities":true,"X":${nest(1000000)}}`;
  // Two MiB: over the size limit, refused unread.
  const report = idpool.check('CreateIdentityPool', million);
  assert.equal(report.errors[0].code, 'syntax');
  assert.equal(report.errors[0].params.limit, 1 << 20);
  // Within the size limit, 400 000 levels: refused at the depth limit.
  const deep = `{"X":${nest(400000)}}`;
  const refused = idpool.check('CreateIdentityPool', deep);
  assert.equal(refused.errors[0].code, 'syntax');
  assert.equal(refused.errors[0].params.limit, 64);
  assert.equal(idpool.resolveCredentials(`{"Pool":${million},"Request":{}}`).ok, false);
  assert.equal(idpool.planUpdate(million, million).ok, false);
  // The deepest accepted input is checked in full.
  const atLimit = `{"IdentityPoolName":"x","AllowUnauthenticatedIdentities":true,"X":${nest(63)}}`;
  assert.equal(idpool.check('CreateIdentityPool', atLimit).errors[0].code, 'unknown_member');
});

test('an unknown target name is echoed cut, not whole', () => {
  const error = throwsWith(() => idpool.check('X'.repeat(10 << 20), '{}'), 'unknown_target');
  assert.ok(error.message.length < 5000, `${error.message.length} characters`);
  assert.ok(error.message.includes('...'));
});
