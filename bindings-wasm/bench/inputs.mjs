// The inputs of the Rust criterion benches (core/benches/inputs/mod.rs),
// rebuilt here byte for byte with the same construction, so the node
// benchmark measures the same bytes as `cargo bench -p idpool`. The typical
// pool is read from examples/create-identity-pool.json, as mod.rs includes
// it; the others are built as mod.rs builds them. bench.mjs prints each
// input's length and SHA-256 so a drift from mod.rs shows.

import { readFileSync } from 'node:fs';
import path from 'node:path';

const IDENTITY_ID = 'us-east-1:5a7d74f5-93d8-4586-b59c-8f2a25d9f696';
const USER_POOL = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI';

const pad = (n, width) => String(n).padStart(width, '0');
// idpool::base64::encode(bytes, Alphabet::UrlSafe, false): base64url, no padding.
const base64url = (bytes) => Buffer.from(bytes).toString('base64url');

/** The smallest CreateIdentityPool input (mod.rs `small_pool`). */
export function smallPool() {
  return '{"IdentityPoolName":"Photos","AllowUnauthenticatedIdentities":false}';
}

/** A typical pool: the bundled example (mod.rs `typical_pool`). */
export function typicalPool(root) {
  return readFileSync(path.join(root, 'examples', 'create-identity-pool.json'), 'utf8');
}

/** Every bounded collection at its bound, long names (mod.rs `maximal_pool`). */
export function maximalPool() {
  const social = [
    ['graph.facebook.com', '7346241598935552'],
    ['accounts.google.com', '123456789012-abcdefghijklmnop.apps.googleusercontent.com'],
    ['www.amazon.com', 'amzn1.application.0123456789abcdef0123456789abcdef'],
    ['appleid.apple.com', 'com.example.photos'],
    ['api.twitter.com', 'xvz1evFS4wEEPTGEFPHBog;kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw'],
    ['www.digits.com', 'digitskey;digitssecret'],
    ['login.example.com', 'a1'],
    ['login2.example.com', 'a2'],
    ['login3.example.com', 'a3'],
    ['login4.example.com', 'a4'],
  ].map(([k, v]) => `"${k}":"${v}"`);
  const range = (n) => Array.from({ length: n }, (_, i) => i);
  const oidc = range(10).map((i) => `"arn:aws:iam::123456789012:oidc-provider/auth${i}.example.com/tenant/${i}"`);
  const saml = range(10).map((i) => `"arn:aws:iam::123456789012:saml-provider/Corp${i}"`);
  const userPools = range(10).map(
    (i) =>
      `{"ProviderName":"cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool${pad(i, 4)}","ClientId":"client${pad(i, 20)}","ServerSideTokenCheck":true}`,
  );
  const tags = range(50).map((i) => `"tag-key-${pad(i, 2)}":"tag value number ${i}"`);
  const name = 'Photo Sharing production pool '.repeat(4).trimEnd();
  return (
    `{"IdentityPoolName":"${name}","AllowUnauthenticatedIdentities":true,"AllowClassicFlow":false,\n` +
    `"SupportedLoginProviders":{${social.join(',')}},"DeveloperProviderName":"login.photos.example.com",\n` +
    `"OpenIdConnectProviderARNs":[${oidc.join(',')}],"CognitoIdentityProviders":[${userPools.join(',')}],\n` +
    `"SamlProviderARNs":[${saml.join(',')}],"IdentityPoolTags":{${tags.join(',')}}}`
  );
}

function jwt(claims) {
  return [
    base64url(Buffer.from('{"kid":"k1","alg":"RS256"}')),
    base64url(Buffer.from(claims)),
    base64url(new Uint8Array(256).fill(7)),
  ].join('.');
}

/** A user-pool ID token with groups and roles (mod.rs `id_token`). */
export function idToken() {
  return jwt(
    `{"sub":"5f0e3b1c-8a2d-4c6e-9b7f-1a2b3c4d5e6f","aud":"6g3jb2hyqsnkp1z7gcm5rqkj8e","token_use":"id","iss":"https://${USER_POOL}","cognito:username":"alice","email":"alice@example.com","cognito:groups":["staff","photo-editors"],"cognito:roles":["arn:aws:iam::123456789012:role/PhotoEditors","arn:aws:iam::123456789012:role/PhotoViewers"],"exp":1764103600,"iat":1764100000}`,
  );
}

/** A GetCredentialsForIdentity request with a user-pool login (mod.rs `credentials_request`). */
export function credentialsRequest() {
  return `{"IdentityId":"${IDENTITY_ID}","Logins":{"${USER_POOL}":"${idToken()}"},"CustomRoleArn":"arn:aws:iam::123456789012:role/PhotoEditors"}`;
}

/** The four `check` inputs of core/benches/check.rs, with the criterion names. */
export function benchInputs(root) {
  return [
    { name: 'pool_small', target: 'CreateIdentityPool', text: smallPool() },
    { name: 'pool_typical', target: 'CreateIdentityPool', text: typicalPool(root) },
    { name: 'pool_maximal', target: 'CreateIdentityPool', text: maximalPool() },
    { name: 'credentials_request', target: 'GetCredentialsForIdentity', text: credentialsRequest() },
  ];
}
