'use strict';
// idpool for node, CommonJS (`require('idpool')`). The WebAssembly module is
// compiled synchronously when this file loads, so there is nothing to
// initialize; `init` and `initSync` exist so code written for the web build
// runs here unchanged.
const raw = require('./bindgen-node.cjs');

const VERSION = '@VERSION@';

//@API@

const api = createApi(raw, () => true);
api.init = async function init() {};
api.initSync = function initSync() {};
api.default = api.init;
module.exports = api;
