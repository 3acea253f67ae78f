// A typed use of the whole API, checked with `tsc --noEmit --strict` against
// the installed package (tests/install.test.mjs): it must compile, and every
// line marked as an expected error must be one.
import init, {
  auditTrust,
  check,
  initSync,
  loginKeys,
  parseIdentityPoolId,
  planUpdate,
  resolveCredentials,
  samlRoles,
  targets,
  version,
} from 'idpool';
import type {
  AuditContext,
  AuditEntry,
  AuditReport,
  Change,
  CreateIdentityPoolInput,
  CredentialsContext,
  Decision,
  GetCredentialsForIdentityInput,
  IdentityPool,
  IdpoolError,
  Issue,
  IssueCode,
  JsonValue,
  LoginKey,
  Plan,
  PlanChange,
  Reacher,
  Report,
  RoleMapping,
  SamlRole,
  SetIdentityPoolRolesInput,
  TargetName,
  TrustDecision,
  TrustDenialReason,
  TrustPolicyDocument,
  TrustStatement,
} from 'idpool';

export async function main(): Promise<void> {
  await init();
  await init('https://example.com/idpool_wasm_bg.wasm');
  initSync(new Uint8Array(8));
  const v: string = version;

  const pool: IdentityPool = {
    IdentityPoolId: 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
    IdentityPoolName: 'Photos',
    AllowUnauthenticatedIdentities: false,
    SupportedLoginProviders: { 'graph.facebook.com': '7346241598935552' },
    CognitoIdentityProviders: [{ ProviderName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI', ClientId: 'abc' }],
  };
  const create: CreateIdentityPoolInput = { IdentityPoolName: 'Photos', AllowUnauthenticatedIdentities: true };
  // @ts-expect-error: IdentityPoolName is required.
  const missing: CreateIdentityPoolInput = { AllowUnauthenticatedIdentities: true };

  // check: any target name, objects or JSON text.
  const report: Report = check('CreateIdentityPool', create);
  const fromText: Report = check('IdentityPool', JSON.stringify(pool), { pool });
  const dynamicTarget: string = 'Whatever' + v;
  check(dynamicTarget, '{}', null);
  const known: TargetName = 'GetCredentialsForIdentity';
  check(known, '{}');
  // @ts-expect-error: the target is a string.
  check(42, {});
  // @ts-expect-error: numbers are not inputs (give JSON text).
  check('QueryLimit', 5);
  // @ts-expect-error: unknown option.
  check('IdentityPool', pool, { pol: pool });

  if (!report.ok) {
    const first: Issue = report.errors[0];
    const code: IssueCode = first.code;
    switch (code) {
      case 'pattern':
      case 'length': {
        const max: number | undefined = first.params?.max;
        const pattern: string | undefined = first.params?.pattern;
        void max;
        void pattern;
        break;
      }
      case 'ambiguous_role': {
        const roles: string[] = first.params?.roles ?? [];
        void roles;
        break;
      }
      // @ts-expect-error: not an issue code.
      case 'no_such_code':
        break;
    }
    const keyAtFault: boolean = first.key === true;
    const service: string | undefined = report.serviceError?.message;
    void keyAtFault;
    void service;
  }
  const changes: Change[] = fromText.changes;
  const normalized: JsonValue | undefined = fromText.normalized;
  for (const change of changes) {
    const what: 'trimmed' | 'lowercased' | 'alias' | 'scheme_removed' | 'deduplicated' | 'removed_empty' = change.code;
    void what;
  }

  // planUpdate
  const planned = planUpdate(pool, { ...pool, SupportedLoginProviders: { Facebook: '7346241598935552' } });
  const target: 'UpdateIdentityPool' = planned.target;
  const plan: Plan | undefined = planned.plan;
  const steps: PlanChange[] = plan?.changes ?? [];
  const ops = steps.map((s) => s.op);
  const op: 'add' | 'remove' | 'replace' | undefined = ops[0];
  // @ts-expect-error: both pools are needed.
  planUpdate(pool);

  // resolveCredentials
  const request: GetCredentialsForIdentityInput = {
    IdentityId: 'us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696',
    Logins: { 'graph.facebook.com': 'token' },
  };
  const mapping: RoleMapping = { Type: 'Token', AmbiguousRoleResolution: 'Deny' };
  // @ts-expect-error: not a role mapping type.
  const badMapping: RoleMapping = { Type: 'Claims' };
  const context: CredentialsContext = {
    Pool: pool,
    Roles: { authenticated: 'arn:aws:iam::123456789012:role/Auth' },
    RoleMappings: { 'graph.facebook.com': mapping },
    Request: request,
    Now: 1764100000,
  };
  const resolved = resolveCredentials(context);
  const decision: Decision | undefined = resolved.decision;
  if (decision) {
    const role: string = decision.roleArn;
    const source: 'default' | 'custom_role_arn' | 'preferred_role' | 'single_role' | 'rule' = decision.source;
    const rule: number | undefined = decision.ruleIndex;
    void role;
    void source;
    void rule;
  }
  resolveCredentials(JSON.stringify(context));
  const trust: TrustDecision | undefined = resolved.decision?.trust;
  const admittedBy: number | undefined = trust?.statement;
  void admittedBy;
  const withTrust: CredentialsContext = {
    ...context,
    TrustPolicies: { 'arn:aws:iam::123456789012:role/Auth': '%7B%7D' },
    Flow: 'basic',
    AccountId: '123456789012',
    PrincipalTags: true,
  };
  // @ts-expect-error: the flow is enhanced or basic.
  const badFlow: CredentialsContext = { ...context, Flow: 'classic' };
  void badFlow;
  resolveCredentials(withTrust);

  // auditTrust
  const statement: TrustStatement = {
    Effect: 'Allow',
    Principal: { Federated: 'cognito-identity.amazonaws.com' },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' } },
  };
  const document: TrustPolicyDocument = { Version: '2012-10-17', Statement: [statement] };
  const auditContext: AuditContext = { Pool: pool, TrustPolicies: { 'arn:aws:iam::123456789012:role/Auth': document } };
  const audited: AuditReport = auditTrust(auditContext);
  const auditTarget: 'AuditTrust' = audited.target;
  const entries: AuditEntry[] = audited.audit ?? [];
  const reacher: Reacher | undefined = entries[0]?.reachedBy[0];
  const admitted: boolean[] | undefined = entries[0]?.allowed;
  const denialReason: TrustDenialReason | undefined = audited.errors[0]?.params?.reason;
  const lint: IssueCode = 'trust_aud_missing';
  void auditTarget;
  void reacher;
  void admitted;
  void denialReason;
  void lint;
  // @ts-expect-error: TrustPolicies is required in an audit.
  auditTrust({ Pool: pool } satisfies AuditContext);

  // samlRoles, with the error's code and reason.
  try {
    const roles: SamlRole[] = samlRoles('PHNhbWxwOlJlc3BvbnNlLz4=');
    const picked: string | undefined = roles[0]?.roleArn;
    void picked;
  } catch (error) {
    const e = error as IdpoolError;
    if (e.code === 'saml_invalid') {
      const reason: string | undefined = e.reason;
      void reason;
    }
    // @ts-expect-error: not an error code.
    if (e.code === 'nope') throw e;
  }
  // @ts-expect-error: a SAML response is a string.
  samlRoles({ SAMLResponse: 'x' });

  // loginKeys, parseIdentityPoolId, targets
  const keys: LoginKey[] = loginKeys(pool);
  const kinds = keys.map((k) => k.kind);
  const clients: string[] | undefined = keys[0]?.clientIds;
  const parts = parseIdentityPoolId(pool.IdentityPoolId);
  const region: string | undefined = parts?.region;
  // @ts-expect-error: may be null.
  const guid: string = parseIdentityPoolId('x').guid;
  const names: TargetName[] = targets();

  const roles: SetIdentityPoolRolesInput = {
    IdentityPoolId: pool.IdentityPoolId,
    Roles: { authenticated: 'arn:aws:iam::123456789012:role/Auth' },
    RoleMappings: {
      'graph.facebook.com': {
        Type: 'Rules',
        AmbiguousRoleResolution: 'AuthenticatedRole',
        RulesConfiguration: {
          Rules: [{ Claim: 'isAdmin', MatchType: 'Equals', Value: 'true', RoleARN: 'arn:aws:iam::123456789012:role/Admin' }],
        },
      },
    },
  };
  check('SetIdentityPoolRoles', roles, { pool });

  void [missing, target, op, badMapping, kinds, clients, region, guid, names, normalized];
}
