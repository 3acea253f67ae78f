// idpool for bundlers that support WebAssembly ES module integration
// (webpack 5 with `experiments.asyncWebAssembly`, vite with a wasm plugin):
// the bundler instantiates the module on import, so there is nothing to
// initialize; `init` and `initSync` exist so code written for the web build
// runs here unchanged.
import * as raw from './bindgen-bundler.js';

const VERSION = '@VERSION@';

//@API@

const api = createApi(raw, () => true);

export default async function init() {}

export function initSync() {}

export const { check, planUpdate, resolveCredentials, auditTrust, samlRoles, loginKeys, parseIdentityPoolId, targets, version } =
  api;
