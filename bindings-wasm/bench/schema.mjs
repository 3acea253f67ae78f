// A JSON Schema derived, at run time, from the service model the Rust core
// is generated from (core/model/cognito-identity.json), as faithful as a
// JSON Schema validator (ajv) allows. The peer of idpool in bench.mjs.
//
// What the model says and what the schema says:
//   structure  object, `properties`, `required`, `additionalProperties: false`
//              (idpool rejects unknown members too: `unknown_member`)
//   map        object, `minProperties`/`maxProperties`, `propertyNames` with
//              the key shape's string constraints, `additionalProperties`
//              with the value shape
//   list       array, `minItems`/`maxItems`, `items`
//   string     `minLength`/`maxLength` (ajv counts code points, as the
//              service does; a spot check in bench.mjs proves it), `pattern`,
//              `enum`
//   integer, long  `type: integer`, `minimum`/`maximum`
//   boolean    `type: boolean`; timestamp: `type: number` (epoch seconds)
// Patterns are Java regular expressions matched against the whole value:
// each becomes `^(?:…)$` for a JavaScript RegExp with the `u` flag (ajv's
// `unicodeRegExp: true`, needed for `\p{L}`). `\w` and `\d` are ASCII in
// both languages; Java's `\s` is ASCII whitespace while JavaScript's is
// Unicode's, so `\s` and `\S` are spelled out. A construct this translator
// does not know throws, rather than derive a schema that is silently looser.
//
// What no JSON Schema can say (ARNs, ids against regions, provider names,
// role-mapping rules, token claims, normalization) is what idpool adds.

// Java's \s: [ \t\n\x0B\f\r].
const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
// Characters that may be escaped in a JavaScript `u` RegExp.
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');

/** A Java regular expression (full match) as a JavaScript `u` RegExp source. */
export function javaPatternToJs(java) {
  let out = '';
  let inClass = false;
  for (let i = 0; i < java.length; i++) {
    const c = java[i];
    if (c === '\\') {
      const e = java[++i];
      if (e === undefined) throw new Error(`pattern ${java}: trailing backslash`);
      if ('dwDW'.includes(e)) out += `\\${e}`;
      else if (e === 's') out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      else if (e === 'S') {
        if (!inClass) out += `[^${JAVA_SPACE}]`;
        else if (out.endsWith('[') && java[i + 1] === ']') out = `${out.slice(0, -1)}[^${JAVA_SPACE}`;
        else throw new Error(`pattern ${java}: \\S inside a larger class is not translated`);
      } else if (e === 'p' || e === 'P') {
        const end = java.indexOf('}', i);
        if (java[i + 1] !== '{' || end < 0) throw new Error(`pattern ${java}: \\${e} without {name}`);
        out += java.slice(i - 1, end + 1);
        i = end;
      } else if (e === '-' && inClass) out += '\\-';
      else if (JS_SYNTAX.has(e)) out += `\\${e}`;
      else if (/[A-Za-z0-9]/.test(e)) throw new Error(`pattern ${java}: escape \\${e} is not translated`);
      else out += e; // Java may escape any punctuation; JavaScript's u flag may not
    } else {
      if (c === '[') {
        if (inClass) throw new Error(`pattern ${java}: nested classes are not translated`);
        inClass = true;
        if (java[i + 1] === '^') throw new Error(`pattern ${java}: negated classes are not translated`);
      } else if (c === ']') inClass = false;
      else if (!inClass && c === '.') throw new Error(`pattern ${java}: Java's . is not translated`);
      out += c;
    }
  }
  return `^(?:${out})$`;
}

function stringSchema(shape) {
  const schema = { type: 'string' };
  if (shape.enum) schema.enum = [...shape.enum];
  if (shape.min !== undefined && shape.min > 0) schema.minLength = shape.min;
  if (shape.max !== undefined) schema.maxLength = shape.max;
  if (shape.pattern !== undefined) schema.pattern = javaPatternToJs(shape.pattern);
  return schema;
}

/**
 * The JSON Schema of one shape of the model, every reference inlined (the
 * model has no cycles), so ajv compiles one function without `$ref` calls.
 */
export function deriveSchema(model, shapeName, seen = []) {
  const shape = model.shapes[shapeName];
  if (!shape) throw new Error(`no shape ${shapeName} in the model`);
  if (seen.includes(shapeName)) throw new Error(`recursive shape ${shapeName}`);
  const inner = (name) => deriveSchema(model, name, [...seen, shapeName]);
  switch (shape.type) {
    case 'structure': {
      const properties = {};
      for (const [member, ref] of Object.entries(shape.members || {})) properties[member] = inner(ref.shape);
      const schema = { type: 'object', properties, additionalProperties: false };
      if (shape.required && shape.required.length) schema.required = [...shape.required];
      return schema;
    }
    case 'map': {
      const schema = {
        type: 'object',
        propertyNames: stringSchema(model.shapes[shape.key.shape]),
        additionalProperties: inner(shape.value.shape),
      };
      if (shape.min !== undefined && shape.min > 0) schema.minProperties = shape.min;
      if (shape.max !== undefined) schema.maxProperties = shape.max;
      return schema;
    }
    case 'list': {
      const schema = { type: 'array', items: inner(shape.member.shape) };
      if (shape.min !== undefined && shape.min > 0) schema.minItems = shape.min;
      if (shape.max !== undefined) schema.maxItems = shape.max;
      return schema;
    }
    case 'string':
      return stringSchema(shape);
    case 'integer':
    case 'long': {
      const schema = { type: 'integer' };
      if (shape.min !== undefined) schema.minimum = shape.min;
      if (shape.max !== undefined) schema.maximum = shape.max;
      return schema;
    }
    case 'boolean':
      return { type: 'boolean' };
    case 'timestamp':
      return { type: 'number' };
    default:
      throw new Error(`shape ${shapeName}: type ${shape.type} is not translated`);
  }
}

/** The schema of an operation's input, or of a shape. */
export function schemaForTarget(model, target) {
  const operation = model.operations[target];
  return deriveSchema(model, operation ? operation.input : target);
}

/** The ajv options of the peer: every constraint as the model means it. */
// (ajv 8 counts minLength/maxLength in code points by default; its old
// `unicode` option is deprecated, so it is not passed.)
export const AJV_OPTIONS = {
  unicodeRegExp: true, // `u` flag: \p{L} in ClaimName (the default, said out loud)
  strict: true,
};
