// Types of the npm package `idpool` (hand-written; checked by
// `tsc --noEmit --strict` over bindings-wasm/tests/types.ts, and against the
// service model by bindings-wasm/tests/types-drift.test.mjs).
//
// Every function takes plain data and returns plain data (nothing to
// `.free()`). Expected failures are data (`report.ok`, `report.errors`);
// misuse throws an `IdpoolError`: a real `Error` (a `TypeError` for an
// argument of the wrong type) with a `code`.

// ---------------------------------------------------------------------------
// Functions
// ---------------------------------------------------------------------------

/**
 * Load the WebAssembly module. Needed once, before anything else, in the web
 * build (the `browser` condition and `idpool/web`): it fetches
 * `idpool_wasm_bg.wasm` next to the package's `dist/web.js`, or takes what you
 * give it (a URL string or `URL`, a `Response`, the bytes, or a compiled
 * `WebAssembly.Module`, or a promise of one). Concurrent calls share one load;
 * a failed load can be retried. In node and the bundler build it does nothing.
 */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/** `init` without fetching: give the bytes or a compiled `WebAssembly.Module`. */
export function initSync(module: InitSyncInput): void;

/** A URL (string or `URL`), a `Response`, the `.wasm` bytes or a `WebAssembly.Module`. */
export type InitInput = string | object;
/** The `.wasm` bytes (`ArrayBuffer`, a typed array) or a `WebAssembly.Module`. */
export type InitSyncInput = ArrayBuffer | ArrayBufferView | object;

/**
 * Check `input` against a target: an operation (its input shape) or a shape
 * of the model. `input` is a JSON text or an object/array (serialized with
 * `JSON.stringify`, so member order is kept).
 *
 * With `options.pool`, role-mapping keys (`SetIdentityPoolRoles`,
 * `GetIdentityPoolRolesResponse`) are checked against that pool, whose own
 * issues are listed under `/pool`.
 *
 * @throws {IdpoolError} `unknown_target`, or `invalid_argument` for an
 *   argument of the wrong type.
 */
export function check(target: TargetName, input: JsonInput, options?: CheckOptions | null): Report;

/** Options of {@link check}. */
export interface CheckOptions {
  /** The pool role mappings are checked against. */
  pool?: IdentityPool | JsonInput;
}

/**
 * Plan an `UpdateIdentityPool` call: validate both pools and say what the
 * update changes. The report's target is `UpdateIdentityPool`; `current`'s
 * issues are under `/current`; `plan` is present when both are JSON objects.
 */
export function planUpdate(current: IdentityPool | JsonInput, desired: IdentityPool | JsonInput): PlanReport;

/**
 * Simulate `GetCredentialsForIdentity`: which IAM role the request would get
 * (`decision`, present iff `ok`), or exactly why it would be refused.
 *
 * Tokens are **decoded, never verified**: a decision tells which role a
 * genuine token would get, not that a token is genuine. Tokens never appear
 * in the report.
 */
export function resolveCredentials(context: CredentialsContext | JsonInput): CredentialsReport;

/**
 * Audit the trust policies of a pool's roles: every role the pool can hand
 * out (`audit`), who reaches it, whether its trust policy admits each of
 * them, and the lint findings (`trust_*` codes) at the pointer of the
 * statement, operator, key or value at fault. Every policy in
 * `TrustPolicies` is linted, reached or not.
 */
export function auditTrust(context: AuditContext | JsonInput): AuditReport;

/**
 * The roles a base64 SAML response offers (its
 * `https://aws.amazon.com/SAML/Attributes/Role` values), in document order,
 * without duplicates: for a role picker. Decoded, never verified.
 *
 * @throws {IdpoolError} `saml_invalid` (with `reason`) when the response
 *   cannot be read; `invalid_argument` when it is not a string.
 */
export function samlRoles(samlResponse: string): SamlRole[];

/**
 * The keys a pool accepts in `Logins`, with the provider behind each. Read
 * leniently: members of the wrong type are skipped, so a form being typed
 * still shows its keys.
 *
 * @throws {IdpoolError} `invalid_argument` when `pool` is not a JSON object
 *   (the core's `syntax` or `type` issue is in `error.issue`).
 */
export function loginKeys(pool: IdentityPool | JsonInput): LoginKey[];

/**
 * The parts of an identity pool id (`<region>:<guid>`, the GUID lowercase
 * 8-4-4-4-12 hex), or `null` when `id` is not one. For the reason, check it:
 * `check("IdentityPoolId", JSON.stringify(id))`.
 *
 * @throws {IdpoolError} `invalid_argument` when `id` is not a string.
 */
export function parseIdentityPoolId(id: string): IdentityPoolIdParts | null;

/** Every target name: the 23 operations, then the model's shapes, each sorted. */
export function targets(): TargetName[];

/** The library version, e.g. `"0.1.0"` (available before `init`). */
export const version: string;

// ---------------------------------------------------------------------------
// Inputs and errors
// ---------------------------------------------------------------------------

/** A JSON text, or an object or array that `JSON.stringify` can encode. */
export type JsonInput = string | object;

/** What a credentials resolution reads (docs/REFERENCE.md section 8). */
export interface CredentialsContext {
  Pool: IdentityPool;
  /** `authenticated` / `unauthenticated` → role ARN. */
  Roles?: Record<string, string>;
  /** Login key → role mapping. */
  RoleMappings?: Record<string, RoleMapping>;
  Request: GetCredentialsForIdentityInput;
  /** Unix seconds; token expiry (`exp`, `nbf`) is checked only when given. */
  Now?: number;
  /**
   * Role ARN → its trust policy (an object, its JSON text, or that text
   * URL-encoded as IAM's raw API returns it). The decided role's policy is
   * evaluated: `decision.trust`, or the error `trust_denied`.
   */
  TrustPolicies?: Record<string, TrustPolicyDocument | string>;
  /** `enhanced` (default) or `basic` (the app names the role: `CustomRoleArn`). */
  Flow?: "enhanced" | "basic";
  /** The pool's 12-digit account (the cross-account rule of the basic flow). */
  AccountId?: string;
  /** Principal tags are mapped for the login's provider (STS also checks `sts:TagSession`). */
  PrincipalTags?: boolean;
}

/** What a trust audit reads. */
export interface AuditContext {
  Pool: IdentityPool;
  Roles?: Record<string, string>;
  RoleMappings?: Record<string, RoleMapping>;
  /** Role ARN → its trust policy (an object, its JSON text, or that text URL-encoded). */
  TrustPolicies: Record<string, TrustPolicyDocument | string>;
  AccountId?: string;
  PrincipalTags?: boolean;
}

/** An IAM role trust policy (`AssumeRolePolicyDocument`). */
export interface TrustPolicyDocument {
  Version?: "2012-10-17" | "2008-10-17";
  Id?: string;
  Statement: TrustStatement | TrustStatement[];
}

/** One statement of a trust policy. */
export interface TrustStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | Record<string, string | string[]>;
  NotPrincipal?: Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  /** Operator → condition key → value(s). */
  Condition?: Record<string, Record<string, string | number | boolean | Array<string | number | boolean>>>;
}

/** The codes of thrown errors (misuse, never a validation result). */
export type IdpoolErrorCode =
  /** The target is neither an operation nor a shape of the model. */
  | "unknown_target"
  /** An argument of the wrong type, or a pool that is not a JSON object. */
  | "invalid_argument"
  /** `samlRoles`: the SAML response cannot be read. */
  | "saml_invalid"
  /** The web build was used before `await init()`. */
  | "not_initialized"
  /** A bug in idpool; the original error is `cause`. */
  | "internal";

/** Why `samlRoles` cannot read a response. */
export type SamlErrorReason =
  | "base64"
  | "not_utf8"
  | "xml"
  | "doctype"
  | "not_a_response"
  | "encrypted"
  | "too_large"
  | "unreadable";

/** What idpool throws. The message never contains a value you passed in. */
export interface IdpoolError extends Error {
  code: IdpoolErrorCode;
  /** `unknown_target`: the target of that name in another letter case. */
  suggestion?: string;
  /** `saml_invalid`: why. */
  reason?: SamlErrorReason;
  /** `invalid_argument` from `loginKeys`: the core's issue (with line and column). */
  issue?: Issue;
}

/** The parts of an identity pool id. */
export interface IdentityPoolIdParts {
  /** e.g. `us-east-1`. */
  region: string;
  /** Lowercase 8-4-4-4-12 hexadecimal. */
  guid: string;
}

/** One role a SAML assertion offers. */
export interface SamlRole {
  /** `arn:<partition>:iam::<account>:role/<path/>name`. */
  roleArn: string;
  /** `arn:<partition>:iam::<account>:saml-provider/<name>`. */
  providerArn: string;
}

/** The kind of provider behind a Logins key. */
export type ProviderKind = "social" | "oidc" | "user_pool" | "saml" | "developer";

/** One key a pool accepts in `Logins`. */
export interface LoginKey {
  /** The key, exactly as `Logins` must carry it. */
  key: string;
  kind: ProviderKind;
  /** What configures it: the social provider's key, the OIDC or SAML provider ARN, the user-pool provider name, or the developer provider name. */
  provider: string;
  /** For a user pool: its app client ids in the pool. */
  clientIds?: string[];
}

// ---------------------------------------------------------------------------
// The Report (docs/REFERENCE.md section 3): the same JSON shape as the Rust API and the CLI
// ---------------------------------------------------------------------------

export interface Report {
  /** The operation or shape name checked against. */
  target: string;
  /** True iff `errors` is empty; warnings never make it false. */
  ok: boolean;
  /** Every error, in a deterministic order (input order, then length before pattern before enum). */
  errors: Issue[];
  /** Every warning. */
  warnings: Issue[];
  /** What the service itself would answer; present iff `ok` is false. */
  serviceError?: ServiceError;
  /** Present (true) when there were more errors than the limit (100) and the check stopped. */
  truncated?: true;
  /**
   * The canonical form of the input (members in model order, map keys
   * sorted, normalization applied), sensitive values redacted; present
   * whenever the input was well-formed JSON of the right top-level type.
   */
  normalized?: JsonValue;
  /** What normalization changed, in input order. */
  changes: Change[];
  /** For `planUpdate`. */
  plan?: Plan;
  /** For `resolveCredentials`; present iff `ok`. */
  decision?: Decision;
  /** For `auditTrust`: every role the pool can hand out. */
  audit?: AuditEntry[];
}

/** The report of {@link auditTrust}. */
export interface AuditReport extends Report {
  target: "AuditTrust";
}

/** One role the pool can hand out, in an audit. */
export interface AuditEntry {
  roleArn: string;
  /** Every kind of identity the pool sends to this role. */
  reachedBy: Reacher[];
  /** For each of `reachedBy`, whether the trust policy admits it; absent without a policy. */
  allowed?: boolean[];
  /** Present (true) when the partition's principal is undocumented and the commercial one was assumed. */
  unverifiedPrincipal?: true;
}

/** A kind of identity that reaches a role. */
export interface Reacher {
  identityType: IdentityType;
  /** The login key, for authenticated identities. */
  provider?: string;
}

/** The report of {@link planUpdate}. */
export interface PlanReport extends Report {
  target: "UpdateIdentityPool";
}

/** The report of {@link resolveCredentials}. */
export interface CredentialsReport extends Report {
  target: "GetCredentialsForIdentity";
}

/** One finding about the input. */
export interface Issue {
  /** RFC 6901 JSON Pointer into the input (`""` is the whole input). */
  path: string;
  code: IssueCode;
  /** One English sentence for a person; never a sensitive value. */
  message: string;
  /** The service exception this maps to, e.g. `ValidationException`. */
  exception: string;
  /** The single-constraint text in the service's grammar (constraint codes). */
  awsMessage?: string;
  /** Present (true) when the map key at `path` is at fault, not its value. */
  key?: true;
  params?: Params;
}

/** Typed details of an issue; only the fields that apply are present. */
export interface Params {
  min?: number;
  max?: number;
  actual?: number;
  pattern?: string;
  /** Allowed enum values, or the members a shape has. */
  allowed?: string[];
  /** The JSON type expected. */
  expected?: string;
  /** The JSON type found. */
  found?: string;
  /** 1-based line of a syntax error. */
  line?: number;
  /** 1-based column (characters) of a syntax error. */
  column?: number;
  /** The limit exceeded (bytes or nesting levels). */
  limit?: number;
  /** The roles a login offers (`ambiguous_role`, `role_not_offered`), for a role picker. */
  roles?: string[];
  /** `trust_denied`: why the trust policy refuses. */
  reason?: TrustDenialReason;
  /** The index of the trust-policy statement at fault. */
  statement?: number;
  /** The condition key at fault, as written in the policy. */
  key?: string;
  /** `trust_denied` in an audit: who would be refused. */
  identityType?: IdentityType;
  /** `trust_denied` in an audit: the login key of who would be refused. */
  provider?: string;
}

/** Why a trust policy refuses an identity. */
export type TrustDenialReason = "no_statement" | "principal" | "action" | "condition" | "explicit_deny";

/** What the service would answer. */
export interface ServiceError {
  /** The exception class, e.g. `ValidationException`. */
  type: string;
  /** e.g. `1 validation error detected: ...`. */
  message: string;
}

/** The stable issue codes. */
export type IssueCode = ConstraintCode | SemanticCode | WarningCode;

/** Codes of the model's constraints and of the JSON itself. */
export type ConstraintCode = "syntax" | "type" | "unknown_member" | "required" | "length" | "pattern" | "enum" | "range";

/** Codes of the rules beyond the model. */
export type SemanticCode =
  | "invalid_arn"
  | "malformed_id"
  | "invalid_user_pool_provider"
  | "region_mismatch"
  | "duplicate"
  | "tag_limit"
  | "immutable"
  | "role_mapping_provider"
  | "not_configured"
  | "unauthenticated_not_allowed"
  | "token_malformed"
  | "token_issuer_mismatch"
  | "token_audience_mismatch"
  | "token_expired"
  | "role_not_offered"
  | "ambiguous_role"
  | "role_mapping_denied"
  | "no_role"
  | "trust_denied"
  | "trust_wrong_action"
  | "trust_wrong_principal"
  | "trust_unknown_condition_key"
  | "trust_condition_required"
  | "trust_forbidden_element"
  | "trust_aud_missing"
  | "trust_aud_wildcard"
  | "trust_tag_session_missing"
  | "basic_flow_refused";

/** Codes that are only ever warnings. */
export type WarningCode =
  | "unknown_login_provider"
  | "unknown_region"
  | "suspicious_provider_id"
  | "reset_to_default"
  | "trust_amr_missing"
  | "trust_guest_allowed"
  | "trust_set_operator"
  | "trust_if_exists"
  | "trust_broad_action"
  | "trust_policy_missing";

/** One change normalization made. */
export interface Change {
  /** JSON Pointer to the value in the input. */
  path: string;
  code: ChangeCode;
  /** The value before (never a sensitive value). */
  from?: JsonValue;
  /** The value after; absent when the value was removed. */
  to?: JsonValue;
}

export type ChangeCode = "trimmed" | "lowercased" | "alias" | "scheme_removed" | "deduplicated" | "removed_empty";

/** What an update does to the stored pool. */
export interface Plan {
  /** Every difference between the current and the effective pool. */
  changes: PlanChange[];
  /** The pool as it will be after the update (canonical form). */
  effective: JsonValue;
}

export interface PlanChange {
  /** JSON Pointer into the pool. */
  path: string;
  op: PlanOp;
  /** The current value (`remove`, `replace`). */
  from?: JsonValue;
  /** The new value (`add`, `replace`). */
  to?: JsonValue;
}

export type PlanOp = "add" | "remove" | "replace";

/** The role a credentials request would receive. */
export interface Decision {
  identityType: IdentityType;
  /** The Logins key that decided the role. */
  provider?: string;
  roleArn: string;
  source: RoleSource;
  /** The index of the matching rule, for `source: "rule"`. */
  ruleIndex?: number;
  /** The role's trust policy admits the identity (only when `TrustPolicies` has the role). */
  trust?: TrustDecision;
}

/** A trust policy that admits the identity. */
export interface TrustDecision {
  allowed: true;
  /** The index of the first Allow statement that admits it. */
  statement: number;
  /** That statement's `Sid`. */
  sid?: string;
  /** Present (true) when the partition's principal is undocumented and the commercial one was assumed. */
  unverifiedPrincipal?: true;
}

export type IdentityType = "authenticated" | "unauthenticated";

/** Why the decided role was chosen. */
export type RoleSource = "default" | "custom_role_arn" | "preferred_role" | "single_role" | "rule";

/** Any JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// ---------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------

/** The operations of the model (API 2014-06-30): their input shape is checked. */
export type OperationName =
  | "CreateIdentityPool"
  | "DeleteIdentities"
  | "DeleteIdentityPool"
  | "DescribeIdentity"
  | "DescribeIdentityPool"
  | "GetCredentialsForIdentity"
  | "GetId"
  | "GetIdentityPoolRoles"
  | "GetOpenIdToken"
  | "GetOpenIdTokenForDeveloperIdentity"
  | "GetPrincipalTagAttributeMap"
  | "ListIdentities"
  | "ListIdentityPools"
  | "ListTagsForResource"
  | "LookupDeveloperIdentity"
  | "MergeDeveloperIdentities"
  | "SetIdentityPoolRoles"
  | "SetPrincipalTagAttributeMap"
  | "TagResource"
  | "UnlinkDeveloperIdentity"
  | "UnlinkIdentity"
  | "UntagResource"
  | "UpdateIdentityPool";

/** The shapes of the model. */
export type ShapeName =
  | "ARNString"
  | "AccessKeyString"
  | "AccountId"
  | "AmbiguousRoleResolutionType"
  | "ClaimName"
  | "ClaimValue"
  | "ClassicFlow"
  | "CognitoIdentityProvider"
  | "CognitoIdentityProviderClientId"
  | "CognitoIdentityProviderList"
  | "CognitoIdentityProviderName"
  | "CognitoIdentityProviderTokenCheck"
  | "ConcurrentModificationException"
  | "CreateIdentityPoolInput"
  | "Credentials"
  | "DateType"
  | "DeleteIdentitiesInput"
  | "DeleteIdentitiesResponse"
  | "DeleteIdentityPoolInput"
  | "DescribeIdentityInput"
  | "DescribeIdentityPoolInput"
  | "DeveloperProviderName"
  | "DeveloperUserAlreadyRegisteredException"
  | "DeveloperUserIdentifier"
  | "DeveloperUserIdentifierList"
  | "ErrorCode"
  | "ExternalServiceException"
  | "GetCredentialsForIdentityInput"
  | "GetCredentialsForIdentityResponse"
  | "GetIdInput"
  | "GetIdResponse"
  | "GetIdentityPoolRolesInput"
  | "GetIdentityPoolRolesResponse"
  | "GetOpenIdTokenForDeveloperIdentityInput"
  | "GetOpenIdTokenForDeveloperIdentityResponse"
  | "GetOpenIdTokenInput"
  | "GetOpenIdTokenResponse"
  | "GetPrincipalTagAttributeMapInput"
  | "GetPrincipalTagAttributeMapResponse"
  | "HideDisabled"
  | "IdentitiesList"
  | "IdentityDescription"
  | "IdentityId"
  | "IdentityIdList"
  | "IdentityPool"
  | "IdentityPoolId"
  | "IdentityPoolName"
  | "IdentityPoolShortDescription"
  | "IdentityPoolTagsListType"
  | "IdentityPoolTagsType"
  | "IdentityPoolUnauthenticated"
  | "IdentityPoolsList"
  | "IdentityProviderId"
  | "IdentityProviderName"
  | "IdentityProviderToken"
  | "IdentityProviders"
  | "InternalErrorException"
  | "InvalidIdentityPoolConfigurationException"
  | "InvalidParameterException"
  | "LimitExceededException"
  | "ListIdentitiesInput"
  | "ListIdentitiesResponse"
  | "ListIdentityPoolsInput"
  | "ListIdentityPoolsResponse"
  | "ListTagsForResourceInput"
  | "ListTagsForResourceResponse"
  | "LoginsList"
  | "LoginsMap"
  | "LookupDeveloperIdentityInput"
  | "LookupDeveloperIdentityResponse"
  | "MappingRule"
  | "MappingRuleMatchType"
  | "MappingRulesList"
  | "MergeDeveloperIdentitiesInput"
  | "MergeDeveloperIdentitiesResponse"
  | "NotAuthorizedException"
  | "OIDCProviderList"
  | "OIDCToken"
  | "PaginationKey"
  | "PrincipalTagID"
  | "PrincipalTagValue"
  | "PrincipalTags"
  | "QueryLimit"
  | "ResourceConflictException"
  | "ResourceNotFoundException"
  | "RoleMapping"
  | "RoleMappingMap"
  | "RoleMappingType"
  | "RoleType"
  | "RolesMap"
  | "RulesConfigurationType"
  | "SAMLProviderList"
  | "SecretKeyString"
  | "SessionTokenString"
  | "SetIdentityPoolRolesInput"
  | "SetPrincipalTagAttributeMapInput"
  | "SetPrincipalTagAttributeMapResponse"
  | "String"
  | "TagKeysType"
  | "TagResourceInput"
  | "TagResourceResponse"
  | "TagValueType"
  | "TokenDuration"
  | "TooManyRequestsException"
  | "UnlinkDeveloperIdentityInput"
  | "UnlinkIdentityInput"
  | "UnprocessedIdentityId"
  | "UnprocessedIdentityIdList"
  | "UntagResourceInput"
  | "UntagResourceResponse"
  | "UseDefaults";

/**
 * A target: an operation or a shape. Any other string is accepted by the
 * types (names can come from user input) and throws `unknown_target`.
 */
export type TargetName = OperationName | ShapeName | (string & {});

// ---------------------------------------------------------------------------
// The model's shapes (every structure and enum; tests/types-drift.test.mjs
// checks them against the model), with the service's PascalCase member names (API
// 2014-06-30). Strings stay strings; `check` says what is wrong with them.
// ---------------------------------------------------------------------------

/** Epoch seconds, or an RFC 3339 date-time string as the AWS CLI prints it. */
export type Timestamp = number | string;

export type AmbiguousRoleResolutionType = "AuthenticatedRole" | "Deny";
export type ErrorCode = "AccessDenied" | "InternalServerError";
export type MappingRuleMatchType = "Equals" | "Contains" | "StartsWith" | "NotEqual";
export type RoleMappingType = "Token" | "Rules";

/** A user pool and app client: `ProviderName` is `cognito-idp.<region>.amazonaws.com/<user pool id>`. */
export interface CognitoIdentityProvider {
  ProviderName?: string;
  ClientId?: string;
  ServerSideTokenCheck?: boolean;
}

/** The input of `CreateIdentityPool`. */
export interface CreateIdentityPoolInput {
  IdentityPoolName: string;
  AllowUnauthenticatedIdentities: boolean;
  AllowClassicFlow?: boolean;
  SupportedLoginProviders?: Record<string, string>;
  DeveloperProviderName?: string;
  OpenIdConnectProviderARNs?: string[];
  CognitoIdentityProviders?: CognitoIdentityProvider[];
  SamlProviderARNs?: string[];
  IdentityPoolTags?: Record<string, string>;
}

/** Temporary AWS credentials (`SecretKey` and `SessionToken` are sensitive: never echoed in a report). */
export interface Credentials {
  AccessKeyId?: string;
  SecretKey?: string;
  SessionToken?: string;
  Expiration?: Timestamp;
}

export interface DeleteIdentitiesInput {
  IdentityIdsToDelete: string[];
}

export interface DeleteIdentitiesResponse {
  UnprocessedIdentityIds?: UnprocessedIdentityId[];
}

export interface DeleteIdentityPoolInput {
  IdentityPoolId: string;
}

export interface DescribeIdentityInput {
  IdentityId: string;
}

export interface DescribeIdentityPoolInput {
  IdentityPoolId: string;
}

/** The input of `GetCredentialsForIdentity`. `Logins` maps a login key to its token (sensitive: never echoed in a report). */
export interface GetCredentialsForIdentityInput {
  IdentityId: string;
  Logins?: Record<string, string>;
  CustomRoleArn?: string;
}

export interface GetCredentialsForIdentityResponse {
  IdentityId?: string;
  Credentials?: Credentials;
}

export interface GetIdInput {
  AccountId?: string;
  IdentityPoolId: string;
  Logins?: Record<string, string>;
}

export interface GetIdResponse {
  IdentityId?: string;
}

export interface GetIdentityPoolRolesInput {
  IdentityPoolId: string;
}

export interface GetIdentityPoolRolesResponse {
  IdentityPoolId?: string;
  Roles?: Record<string, string>;
  RoleMappings?: Record<string, RoleMapping>;
}

export interface GetOpenIdTokenForDeveloperIdentityInput {
  IdentityPoolId: string;
  IdentityId?: string;
  Logins: Record<string, string>;
  PrincipalTags?: Record<string, string>;
  TokenDuration?: number;
}

export interface GetOpenIdTokenForDeveloperIdentityResponse {
  IdentityId?: string;
  Token?: string;
}

export interface GetOpenIdTokenInput {
  IdentityId: string;
  Logins?: Record<string, string>;
}

export interface GetOpenIdTokenResponse {
  IdentityId?: string;
  Token?: string;
}

export interface GetPrincipalTagAttributeMapInput {
  IdentityPoolId: string;
  IdentityProviderName: string;
}

export interface GetPrincipalTagAttributeMapResponse {
  IdentityPoolId?: string;
  IdentityProviderName?: string;
  UseDefaults?: boolean;
  PrincipalTags?: Record<string, string>;
}

export interface IdentityDescription {
  IdentityId?: string;
  Logins?: string[];
  CreationDate?: Timestamp;
  LastModifiedDate?: Timestamp;
}

/** A stored identity pool: the output of `DescribeIdentityPool`, the input and output of `UpdateIdentityPool`. */
export interface IdentityPool {
  IdentityPoolId: string;
  IdentityPoolName: string;
  AllowUnauthenticatedIdentities: boolean;
  AllowClassicFlow?: boolean;
  SupportedLoginProviders?: Record<string, string>;
  DeveloperProviderName?: string;
  OpenIdConnectProviderARNs?: string[];
  CognitoIdentityProviders?: CognitoIdentityProvider[];
  SamlProviderARNs?: string[];
  IdentityPoolTags?: Record<string, string>;
}

export interface IdentityPoolShortDescription {
  IdentityPoolId?: string;
  IdentityPoolName?: string;
}

export interface ListIdentitiesInput {
  IdentityPoolId: string;
  MaxResults: number;
  NextToken?: string;
  HideDisabled?: boolean;
}

export interface ListIdentitiesResponse {
  IdentityPoolId?: string;
  Identities?: IdentityDescription[];
  NextToken?: string;
}

export interface ListIdentityPoolsInput {
  MaxResults: number;
  NextToken?: string;
}

export interface ListIdentityPoolsResponse {
  IdentityPools?: IdentityPoolShortDescription[];
  NextToken?: string;
}

export interface ListTagsForResourceInput {
  ResourceArn: string;
}

export interface ListTagsForResourceResponse {
  Tags?: Record<string, string>;
}

export interface LookupDeveloperIdentityInput {
  IdentityPoolId: string;
  IdentityId?: string;
  DeveloperUserIdentifier?: string;
  MaxResults?: number;
  NextToken?: string;
}

export interface LookupDeveloperIdentityResponse {
  IdentityId?: string;
  DeveloperUserIdentifierList?: string[];
  NextToken?: string;
}

/** A rule of a `Rules` role mapping: a claim compared with a value picks `RoleARN`. */
export interface MappingRule {
  Claim: string;
  MatchType: MappingRuleMatchType;
  Value: string;
  RoleARN: string;
}

export interface MergeDeveloperIdentitiesInput {
  SourceUserIdentifier: string;
  DestinationUserIdentifier: string;
  DeveloperProviderName: string;
  IdentityPoolId: string;
}

export interface MergeDeveloperIdentitiesResponse {
  IdentityId?: string;
}

/** How a login provider's users get a role: from the token (`Token`) or from rules (`Rules`). */
export interface RoleMapping {
  Type: RoleMappingType;
  AmbiguousRoleResolution?: AmbiguousRoleResolutionType;
  RulesConfiguration?: RulesConfigurationType;
}

export interface RulesConfigurationType {
  Rules: MappingRule[];
}

/** The input of `SetIdentityPoolRoles`; check it with `{ pool }` to check the role-mapping keys. */
export interface SetIdentityPoolRolesInput {
  IdentityPoolId: string;
  Roles: Record<string, string>;
  RoleMappings?: Record<string, RoleMapping>;
}

export interface SetPrincipalTagAttributeMapInput {
  IdentityPoolId: string;
  IdentityProviderName: string;
  UseDefaults?: boolean;
  PrincipalTags?: Record<string, string>;
}

export interface SetPrincipalTagAttributeMapResponse {
  IdentityPoolId?: string;
  IdentityProviderName?: string;
  UseDefaults?: boolean;
  PrincipalTags?: Record<string, string>;
}

export interface TagResourceInput {
  ResourceArn: string;
  Tags: Record<string, string>;
}

export interface TagResourceResponse {}

export interface UnlinkDeveloperIdentityInput {
  IdentityId: string;
  IdentityPoolId: string;
  DeveloperProviderName: string;
  DeveloperUserIdentifier: string;
}

export interface UnlinkIdentityInput {
  IdentityId: string;
  Logins: Record<string, string>;
  LoginsToRemove: string[];
}

export interface UnprocessedIdentityId {
  IdentityId?: string;
  ErrorCode?: ErrorCode;
}

export interface UntagResourceInput {
  ResourceArn: string;
  TagKeys: string[];
}

export interface UntagResourceResponse {}

/** The service exceptions (shapes too, so they can be checked). */
export interface ConcurrentModificationException {
  message?: string;
}
export interface DeveloperUserAlreadyRegisteredException {
  message?: string;
}
export interface ExternalServiceException {
  message?: string;
}
export interface InternalErrorException {
  message?: string;
}
export interface InvalidIdentityPoolConfigurationException {
  message?: string;
}
export interface InvalidParameterException {
  message?: string;
}
export interface LimitExceededException {
  message?: string;
}
export interface NotAuthorizedException {
  message?: string;
}
export interface ResourceConflictException {
  message?: string;
}
export interface ResourceNotFoundException {
  message?: string;
}
export interface TooManyRequestsException {
  message?: string;
}
