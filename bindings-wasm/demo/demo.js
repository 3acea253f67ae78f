// A small identity-pool checker: the whole integration a console needs.
// Everything is rendered with textContent, never innerHTML: a pasted pool is
// untrusted text.
import init, { auditTrust, check, loginKeys, samlRoles, targets, version } from 'idpool';

const EXAMPLE = {
  IdentityPoolId: 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  IdentityPoolName: 'Photo sharing #1',
  AllowUnauthenticatedIdentities: false,
  SupportedLoginProviders: { Facebook: '7346241598935552' },
  CognitoIdentityProviders: [
    { ProviderName: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI/', ClientId: '6g3jb2hyqsnkp1z7gcm5rqkj8e' },
  ],
  SamlProviderARNs: ['arn:aws:iam::123456789012:saml-provider/CorpIdP'],
};
// A trust policy with the most common security mistake: no aud condition,
// so any identity pool in any account could use the role.
const EXAMPLE_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
    },
  ],
};
// The role the pasted policy stands for: the pool gives it to everyone it
// can, so every kind of identity is tried against the policy.
const DEMO_ROLE = 'arn:aws:iam::123456789012:role/PastedRole';
const COMMON_TARGETS = ['IdentityPool', 'CreateIdentityPool', 'UpdateIdentityPool', 'SetIdentityPoolRoles', 'GetCredentialsForIdentity'];

const $ = (id) => document.getElementById(id);
const targetSelect = $('target');
const poolInput = $('pool');
const samlInput = $('saml');
let lastReport;

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function fillTargets() {
  const all = targets();
  const groups = [
    ['Common', COMMON_TARGETS],
    ['Every operation, then every shape', all.filter((name) => !COMMON_TARGETS.includes(name))],
  ];
  for (const [label, names] of groups) {
    const group = element('optgroup');
    group.label = label;
    for (const name of names) group.append(new Option(name, name));
    targetSelect.append(group);
  }
  targetSelect.value = 'IdentityPool';
}

function renderIssues(table, issues) {
  const body = table.tBodies[0];
  body.replaceChildren(
    ...issues.map((issue) => {
      const row = element('tr');
      row.dataset.code = issue.code;
      row.append(element('td', issue.path || '(input)'), element('td', issue.code), element('td', issue.message));
      return row;
    }),
  );
}

function renderFixes(report) {
  const changes = report.changes ?? [];
  $('fixes').hidden = changes.length === 0 || report.normalized === undefined;
  $('changes').replaceChildren(
    ...changes.map((change) => {
      const item = element('li');
      item.append(element('code', change.path), ` ${change.code.replaceAll('_', ' ')}: `);
      if (change.from !== undefined) item.append(element('code', JSON.stringify(change.from)));
      if (change.to !== undefined) item.append(' → ', element('code', JSON.stringify(change.to)));
      else item.append(' removed');
      return item;
    }),
  );
}

function renderLoginKeys(text) {
  let keys = [];
  try {
    keys = loginKeys(text);
  } catch {
    // Not a JSON object (yet): the errors table says why.
  }
  $('login-keys').replaceChildren(...keys.map((k) => element('li', `${k.key}  (${k.kind.replace('_', ' ')})`)));
  return keys;
}

function validate() {
  const text = poolInput.value;
  const report = check(targetSelect.value, text);
  lastReport = report;
  const status = $('status');
  const errors = report.errors.length;
  const warnings = report.warnings.length;
  status.className = report.ok ? 'ok' : 'invalid';
  status.textContent = report.ok
    ? `Valid ${report.target}${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}.`
    : `${errors} error${errors > 1 ? 's' : ''}${report.truncated ? ' (first ones shown)' : ''}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
  renderIssues($('errors'), report.errors);
  renderIssues($('warnings'), report.warnings);
  $('service-error').textContent = report.serviceError
    ? `The service would answer ${report.serviceError.type}: ${report.serviceError.message}`
    : '';
  renderFixes(report);
  renderLoginKeys(text);
  renderRoles();
  renderTrust();
}

function renderTrust() {
  const status = $('trust-status');
  const admits = $('admits').tBodies[0];
  admits.replaceChildren();
  renderIssues($('trust-findings'), []);
  let pool;
  try {
    pool = JSON.parse(poolInput.value);
  } catch {
    status.textContent = 'The pool is not JSON yet.';
    return;
  }
  const report = auditTrust({
    Pool: pool,
    Roles: { authenticated: DEMO_ROLE, unauthenticated: DEMO_ROLE },
    TrustPolicies: { [DEMO_ROLE]: $('trust-policy').value },
  });
  const prefix = `/TrustPolicies/${DEMO_ROLE.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  const ours = (issue) => issue.path.startsWith(prefix);
  const findings = [...report.errors, ...report.warnings].filter(ours);
  const elsewhere = report.errors.filter((issue) => !ours(issue));
  renderIssues(
    $('trust-findings'),
    findings.map((issue) => ({ ...issue, path: issue.path.slice(prefix.length) || '(policy)' })),
  );
  if (!report.audit) {
    status.textContent = elsewhere.length
      ? `Fix the pool first: ${elsewhere[0].path || '(input)'} ${elsewhere[0].message}`
      : 'The trust policy cannot be read; see the findings.';
    return;
  }
  const entry = report.audit.find((e) => e.roleArn === DEMO_ROLE);
  const reached = entry ? entry.reachedBy : [];
  admits.replaceChildren(
    ...reached.map((who, i) => {
      const row = element('tr');
      const admitted = entry.allowed?.[i] === true;
      row.append(
        element('td', who.provider ? `signed in with ${who.provider}` : 'guest (unauthenticated)'),
        element('td', admitted ? 'yes' : 'no', admitted ? 'yes' : 'no'),
      );
      return row;
    }),
  );
  const admittedCount = entry?.allowed?.filter(Boolean).length ?? 0;
  status.textContent = reached.length
    ? `The policy admits ${admittedCount} of the ${reached.length} kinds of identity this pool sends to it.`
    : 'This pool sends no identity to the role: allow guests or configure a login provider.';
}

function renderRoles() {
  const fieldset = $('roles');
  const status = $('saml-status');
  const response = samlInput.value.trim();
  fieldset.replaceChildren(element('legend', 'Choose a role (CustomRoleArn)'));
  fieldset.hidden = true;
  $('chosen').textContent = '';
  status.textContent = '';
  if (!response) return;
  let roles;
  try {
    roles = samlRoles(response);
  } catch (error) {
    status.textContent = error.code === 'saml_invalid' ? error.message : `Unexpected error: ${error.message}`;
    return;
  }
  if (roles.length === 0) {
    status.textContent = 'The assertion offers no role.';
    return;
  }
  const configured = new Set(renderLoginKeys(poolInput.value).filter((k) => k.kind === 'saml').map((k) => k.key));
  status.textContent = `The assertion offers ${roles.length} role${roles.length > 1 ? 's' : ''}.`;
  roles.forEach((role, index) => {
    const label = element('label');
    const radio = element('input');
    radio.type = 'radio';
    radio.name = 'role';
    radio.value = role.roleArn;
    radio.addEventListener('change', () => {
      $('chosen').textContent = `CustomRoleArn: ${role.roleArn}`;
    });
    const note = configured.has(role.providerArn) ? '' : ' — this provider is not configured on the pool';
    label.append(radio, ` ${role.roleArn} via ${role.providerArn}${note}`);
    label.dataset.index = String(index);
    fieldset.append(label);
  });
  fieldset.hidden = false;
}

async function main() {
  await init();
  $('version').textContent = `idpool ${version}`;
  fillTargets();
  poolInput.value = JSON.stringify(EXAMPLE, null, 2);
  poolInput.addEventListener('input', validate);
  targetSelect.addEventListener('change', validate);
  samlInput.addEventListener('input', renderRoles);
  $('trust-policy').value = JSON.stringify(EXAMPLE_TRUST, null, 2);
  $('trust-policy').addEventListener('input', renderTrust);
  $('apply').addEventListener('click', () => {
    if (lastReport?.normalized !== undefined) {
      poolInput.value = JSON.stringify(lastReport.normalized, null, 2);
      validate();
    }
  });
  validate();
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('status').textContent = `idpool failed to load: ${error.message}`;
  document.body.dataset.ready = 'error';
});
