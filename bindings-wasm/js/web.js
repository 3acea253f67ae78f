// idpool for browsers (and anything with fetch and ES modules). Call
// `await init()` once before anything else: it fetches idpool_wasm_bg.wasm
// next to this file, or takes what you give it (a URL, a Response, bytes or
// a WebAssembly.Module). `initSync(bytesOrModule)` does the same without
// fetching.
import initWasm, { initSync as initWasmSync } from './bindgen-web.js';
import * as raw from './bindgen-web.js';

const VERSION = '@VERSION@';

let ready = false;
let pending;

//@API@

const api = createApi(raw, () => ready);

export default function init(input) {
  if (!pending) {
    pending = initWasm(input === undefined ? undefined : { module_or_path: input }).then(
      () => {
        ready = true;
      },
      (error) => {
        pending = undefined;
        throw error;
      },
    );
  }
  return pending;
}

export function initSync(module) {
  if (!ready) {
    initWasmSync({ module });
    ready = true;
  }
}

export const { check, planUpdate, resolveCredentials, auditTrust, samlRoles, loginKeys, parseIdentityPoolId, targets, version } =
  api;
