// The public API of the npm package `idpool`, shared by every entry point.
//
// scripts/build-npm.sh places this file between a header that binds `raw`
// (the wasm-bindgen glue of the target: node, web or bundler) and `VERSION`,
// and a footer that exports what `createApi` returns. It only converts:
// objects become JSON text (JSON.stringify keeps member order), the core's
// JSON text comes back through JSON.parse as plain objects, and misuse
// becomes a real Error with a `code`. Every rule lives in the Rust core.
// Nothing here puts a caller's value into an error message.
//
// A Report's `normalized` (a copy of the whole input) is parsed when it is
// first read, not before: a caller that looks only at `ok` and `errors`
// does not pay for it. The raw layer marks its value with a newline on each
// side (bindings-wasm/src/lib.rs, `lazy_layout`).

// The calls of the raw layer, by the number its two exports take:
// `run(op, target, first, second?)` with the texts as strings and
// `runInput(op, target, firstLen, secondLen?)` with them in its input
// buffer (bindings-wasm/src/lib.rs, `op`).
const OP = {
  check: 0,
  planUpdate: 1,
  resolveCredentials: 2,
  auditTrust: 3,
  loginKeys: 4,
  samlRoles: 5,
  parseIdentityPoolId: 6,
  targets: 7,
  version: 8,
  checkTooLarge: 9,
};

function createApi(raw, isReady) {
  let maxInputBytes;
  let memory;
  const encoder = new TextEncoder();

  function fail(code, message, ErrorType, details) {
    const error = new (ErrorType || Error)(message, details && details.cause ? { cause: details.cause } : undefined);
    error.code = code;
    if (details) {
      for (const key of ['suggestion', 'reason', 'issue']) {
        if (details[key] !== undefined) error[key] = details[key];
      }
    }
    return error;
  }

  // What a value is, for a message: its kind, never its content.
  function kindOf(value) {
    if (value === null) return 'null';
    if (Array.isArray(value)) return 'an array';
    if (typeof value === 'object') {
      const name = Object.getPrototypeOf(value)?.constructor?.name;
      return name && name !== 'Object' ? `a ${name}` : 'an object';
    }
    return `a ${typeof value}`;
  }

  function requireString(value, name) {
    if (typeof value !== 'string') {
      throw fail('invalid_argument', `${name} must be a string, not ${kindOf(value)}.`, TypeError);
    }
    return value;
  }

  // A JSON text from a JSON string or an object or array.
  function jsonText(value, name) {
    if (typeof value === 'string') return value;
    const notJson =
      value === null ||
      typeof value !== 'object' ||
      value instanceof Map ||
      value instanceof Set ||
      value instanceof ArrayBuffer ||
      ArrayBuffer.isView(value);
    if (notJson) {
      throw fail(
        'invalid_argument',
        `${name} must be a JSON string, or an object or array, not ${kindOf(value)}.`,
        TypeError,
      );
    }
    let text;
    try {
      text = JSON.stringify(value);
    } catch (cause) {
      // The cause's message is kept out of ours: it may quote the input.
      throw fail('invalid_argument', `${name} cannot be converted to JSON (see cause).`, TypeError, { cause });
    }
    if (typeof text !== 'string') {
      throw fail('invalid_argument', `${name} converts to no JSON value.`, TypeError);
    }
    return text;
  }

  // The UTF-8 length of a string as TextEncoder writes it (a lone surrogate
  // becomes U+FFFD, 3 bytes), without encoding it.
  function utf8Length(text) {
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit < 0x80) bytes += 1;
      else if (unit < 0x800) bytes += 2;
      else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          bytes += 4;
          i++;
        } else bytes += 3;
      } else bytes += 3;
    }
    return bytes;
  }

  // Call the wasm and return its JSON text; turn what it throws into an
  // Error with a code.
  function callText(fn, ...args) {
    if (!isReady()) {
      throw fail('not_initialized', 'idpool is not initialized: await init() before calling it (web build).');
    }
    let text;
    try {
      text = fn(...args);
    } catch (thrown) {
      if (typeof thrown === 'string') {
        const misuse = JSON.parse(thrown);
        throw fail(misuse.code, misuse.message, Error, misuse);
      }
      throw fail('internal', 'idpool failed unexpectedly; this is a bug (see cause).', Error, { cause: thrown });
    }
    return text;
  }

  // Call the wasm and parse its JSON answer.
  function call(fn, ...args) {
    return JSON.parse(callText(fn, ...args));
  }

  // node's util.inspect (console.log) calls a method of this name.
  const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

  // A member whose value is parsed from `text` on first read, then kept as
  // an ordinary data property. It stays where JSON.parse put it, so member
  // order (and JSON.stringify of the object) is as if it had been parsed
  // with the rest; assigning to it replaces it like any property. Until
  // then a hidden (non-enumerable, symbol-keyed) method makes node's
  // console.log show the value rather than "[Getter/Setter]".
  function lazyMember(object, name, text) {
    const settle = (value) => {
      Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
      delete object[inspectCustom];
      return value;
    };
    Object.defineProperty(object, name, {
      get: () => settle(JSON.parse(text)),
      set: settle,
      enumerable: true,
      configurable: true,
    });
    Object.defineProperty(object, inspectCustom, {
      value() {
        if (Object.getOwnPropertyDescriptor(object, name)?.get) settle(JSON.parse(text));
        delete object[inspectCustom];
        return object;
      },
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }

  // Call a wasm function that returns a Report, in its lazy layout: the
  // value of `normalized` between the text's only two newlines (compact
  // JSON has none of its own).
  function callReport(fn, ...args) {
    const text = callText(fn, ...args);
    const start = text.indexOf('\n');
    if (start < 0) return JSON.parse(text);
    const end = text.lastIndexOf('\n');
    const report = JSON.parse(text.slice(0, start) + 'null' + text.slice(end + 1));
    lazyMember(report, 'normalized', text.slice(start + 1, end));
    return report;
  }

  // The raw layer's size limit, once it can be asked.
  function limit() {
    if (maxInputBytes === undefined && isReady()) maxInputBytes = raw.maxInputBytes();
    return maxInputBytes;
  }

  // Whether these texts may go through the input buffer: each within the
  // size limit, so the buffer (3 bytes per UTF-16 unit) stays bounded.
  // Others, and calls before init, take wasm-bindgen's own string copy.
  function buffered(...texts) {
    const max = limit();
    return max !== undefined && texts.every((text) => text.length <= max);
  }

  // Write the texts as UTF-8 one after the other into the raw layer's input
  // buffer and return their lengths in bytes: native encodeInto instead of
  // wasm-bindgen's copy loop in JavaScript.
  function passInputs(...texts) {
    let capacity = 0;
    for (const text of texts) capacity += text.length * 3;
    const at = raw.inputBuffer(capacity);
    if (memory === undefined) memory = raw.wasmMemory();
    const buffer = new Uint8Array(memory.buffer, at, capacity);
    let offset = 0;
    return texts.map((text) => {
      const { written } = encoder.encodeInto(text, buffer.subarray(offset));
      offset += written;
      return written;
    });
  }

  function check(target, input, options) {
    requireString(target, 'target');
    const text = jsonText(input, 'input');
    let pool;
    if (options !== undefined && options !== null) {
      if (typeof options !== 'object' || Array.isArray(options)) {
        throw fail('invalid_argument', `options must be an object, not ${kindOf(options)}.`, TypeError);
      }
      for (const key of Object.keys(options)) {
        if (key !== 'pool') {
          throw fail('invalid_argument', `Unknown option ${JSON.stringify(key)}; check takes { pool }.`, TypeError);
        }
      }
      if (options.pool !== undefined) pool = jsonText(options.pool, 'options.pool');
    }
    const max = limit();
    // UTF-8 is never shorter than UTF-16, so a string this long is over
    // the limit: report it without copying it into WebAssembly memory.
    if (pool === undefined && max !== undefined && text.length > max) {
      return callReport(raw.runInput, OP.checkTooLarge, target, utf8Length(text));
    }
    if (pool === undefined) {
      if (!buffered(text)) return callReport(raw.run, OP.check, target, text, pool);
      return callReport(() => raw.runInput(OP.check, target, passInputs(text)[0], undefined));
    }
    if (!buffered(text, pool)) return callReport(raw.run, OP.check, target, text, pool);
    return callReport(() => {
      const [textBytes, poolBytes] = passInputs(text, pool);
      return raw.runInput(OP.check, target, textBytes, poolBytes);
    });
  }

  function planUpdate(current, desired) {
    const texts = [jsonText(current, 'current'), jsonText(desired, 'desired')];
    if (!buffered(...texts)) return callReport(raw.run, OP.planUpdate, '', ...texts);
    return callReport(() => raw.runInput(OP.planUpdate, '', ...passInputs(...texts)));
  }

  function resolveCredentials(context) {
    const text = jsonText(context, 'context');
    if (!buffered(text)) return callReport(raw.run, OP.resolveCredentials, '', text);
    return callReport(() => raw.runInput(OP.resolveCredentials, '', passInputs(text)[0]));
  }

  function auditTrust(context) {
    const text = jsonText(context, 'context');
    if (!buffered(text)) return call(raw.run, OP.auditTrust, '', text);
    return call(() => raw.runInput(OP.auditTrust, '', passInputs(text)[0]));
  }

  function samlRoles(samlResponse) {
    return call(raw.run, OP.samlRoles, '', requireString(samlResponse, 'samlResponse'));
  }

  function loginKeys(pool) {
    const text = jsonText(pool, 'pool');
    if (!buffered(text)) return call(raw.run, OP.loginKeys, '', text);
    return call(() => raw.runInput(OP.loginKeys, '', passInputs(text)[0]));
  }

  function parseIdentityPoolId(id) {
    return call(raw.run, OP.parseIdentityPoolId, '', requireString(id, 'id'));
  }

  function targets() {
    return call(raw.run, OP.targets, '', '');
  }

  return {
    check,
    planUpdate,
    resolveCredentials,
    auditTrust,
    samlRoles,
    loginKeys,
    parseIdentityPoolId,
    targets,
    version: VERSION,
  };
}
