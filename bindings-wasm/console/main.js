// A minimal identity-pool console on the idpool npm package, bundled by
// Vite: check a pool typed into the form, show its errors and the fixes
// idpool suggests, and pick the role of a SAML sign-in. Everything is
// written with textContent, never innerHTML: a pasted pool is untrusted.
import init, { check, resolveCredentials, samlRoles, version } from 'idpool';

const $ = (id) => document.getElementById(id);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

// --- checking a pool ---------------------------------------------------------

function showReport(report) {
  $('report').hidden = false;
  const status = $('status');
  status.className = report.ok ? 'ok' : 'invalid';
  status.textContent = report.ok
    ? `Valid ${report.target}; ${plural(report.warnings.length, 'warning')}.`
    : `${plural(report.errors.length, 'error')}${report.truncated ? ' (the first ones)' : ''}, ` +
      `${plural(report.warnings.length, 'warning')}.`;
  $('errors').tBodies[0].replaceChildren(
    ...[...report.errors, ...report.warnings].map((issue) => {
      const row = element('tr');
      row.dataset.code = issue.code;
      row.dataset.severity = report.errors.includes(issue) ? 'error' : 'warning';
      row.append(element('td', issue.path || '(input)'), element('td', issue.code), element('td', issue.message));
      return row;
    }),
  );
  $('service-error').textContent = report.serviceError
    ? `The service would answer ${report.serviceError.type}: ${report.serviceError.message}`
    : '';
  // Fixes: what normalization changed. `normalized` is read only when the
  // user asks for it (the package parses it on first read).
  $('fixes').hidden = report.changes.length === 0 || !('normalized' in report);
  $('changes').replaceChildren(
    ...report.changes.map((change) => {
      const item = element('li');
      item.dataset.code = change.code;
      item.append(element('code', change.path), ` ${change.code.replaceAll('_', ' ')}`);
      if (change.from !== undefined) item.append(': ', element('code', JSON.stringify(change.from)));
      if (change.to !== undefined) item.append(' → ', element('code', JSON.stringify(change.to)));
      return item;
    }),
  );
  $('apply').onclick = () => {
    $('pool').value = JSON.stringify(report.normalized, null, 2);
    runCheck();
  };
}

function runCheck() {
  showReport(check($('target').value, $('pool').value));
}

// --- the role of a SAML sign-in ------------------------------------------------

function poolObject() {
  try {
    const value = JSON.parse($('pool').value);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

// GetCredentialsForIdentity with the SAML response as the login of its
// provider; `customRoleArn` when the user picked one.
function resolveWith(pool, provider, response, customRoleArn) {
  const request = { IdentityId: $('identity-id').value.trim(), Logins: { [provider]: response } };
  if (customRoleArn !== undefined) request.CustomRoleArn = customRoleArn;
  return resolveCredentials({ Pool: pool, Request: request });
}

function showDecision(report) {
  const decision = $('decision');
  if (report.ok) {
    decision.className = 'ok';
    decision.textContent = `Credentials for ${report.decision.roleArn} (${report.decision.source.replaceAll('_', ' ')}).`;
  } else {
    decision.className = 'invalid';
    decision.textContent = report.errors.map((issue) => `${issue.code}: ${issue.message}`).join(' ');
  }
}

function runResolve() {
  const status = $('saml-status');
  const fieldset = $('roles');
  fieldset.replaceChildren(fieldset.querySelector('legend'));
  fieldset.hidden = true;
  $('decision').textContent = '';
  const pool = poolObject();
  if (!pool) {
    status.textContent = 'The pool above is not a JSON object.';
    return;
  }
  const response = $('saml').value.trim();
  let offered;
  try {
    offered = samlRoles(response);
  } catch (error) {
    status.textContent = error.code === 'saml_invalid' ? error.message : `Unexpected error: ${error.message}`;
    return;
  }
  if (offered.length === 0) {
    status.textContent = 'The assertion offers no role.';
    return;
  }
  const provider = offered[0].providerArn;
  status.textContent = `The assertion offers ${plural(offered.length, 'role')} through ${provider}.`;
  const report = resolveWith(pool, provider, response);
  const ambiguous = report.errors.find((issue) => issue.code === 'ambiguous_role');
  if (!ambiguous) {
    showDecision(report);
    return;
  }
  // The service would refuse without CustomRoleArn: offer the roles it lists.
  for (const roleArn of ambiguous.params.roles) {
    const label = element('label');
    const radio = element('input');
    radio.type = 'radio';
    radio.name = 'role';
    radio.value = roleArn;
    radio.addEventListener('change', () => showDecision(resolveWith(pool, provider, response, roleArn)));
    label.append(radio, ` ${roleArn}`);
    fieldset.append(label);
  }
  fieldset.hidden = false;
}

// --- start -----------------------------------------------------------------------

async function main() {
  await init();
  $('version').textContent = `idpool ${version}, bundled by Vite`;
  $('check-form').addEventListener('submit', (event) => {
    event.preventDefault();
    runCheck();
  });
  $('saml-form').addEventListener('submit', (event) => {
    event.preventDefault();
    runResolve();
  });
  $('check').disabled = false;
  $('resolve').disabled = false;
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('version').textContent = `idpool failed to load: ${error.message}`;
  document.body.dataset.ready = 'failed';
});
