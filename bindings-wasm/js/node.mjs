// idpool for node, ES module (`import ... from 'idpool'`): the same instance
// as the CommonJS entry, so both styles share one WebAssembly module.
import api from './node.cjs';

export const {
  check,
  planUpdate,
  resolveCredentials,
  auditTrust,
  samlRoles,
  loginKeys,
  parseIdentityPoolId,
  targets,
  version,
  initSync,
} = api;
export default api.init;
