// A small identity-pool checker: the whole integration a console needs.
// Everything is rendered with textContent, never innerHTML: a pasted pool is
// untrusted text.
import init, { check, loginKeys, samlRoles, targets, version } from 'idpool';

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
