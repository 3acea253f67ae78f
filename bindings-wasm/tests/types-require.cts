// The CommonJS view of the types (index.d.cts, the `require` condition).
import idpool = require('idpool');

export function checkPool(text: string): boolean {
  const report: idpool.Report = idpool.check('IdentityPool', text);
  const keys: idpool.LoginKey[] = idpool.loginKeys(text);
  return report.ok && keys.length > 0 && idpool.version.length > 0;
}
