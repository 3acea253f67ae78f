// The hand-written types (js/index.d.ts) against their sources of truth: the
// service model's structures and enums (core/model/cognito-identity.json),
// the core's issue codes (core/src/report.rs), and targets() at run time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { idpool, repoRoot } from './package.mjs';

const ts = createRequire(import.meta.url)('typescript');
const dtsPath = join(repoRoot, 'bindings-wasm/js/index.d.ts');
const source = ts.createSourceFile(dtsPath, readFileSync(dtsPath, 'utf8'), ts.ScriptTarget.Latest, true);
const model = JSON.parse(readFileSync(join(repoRoot, 'core/model/cognito-identity.json'), 'utf8'));

const interfaces = new Map();
const aliases = new Map();
for (const statement of source.statements) {
  if (ts.isInterfaceDeclaration(statement)) {
    interfaces.set(
      statement.name.text,
      statement.members.map((m) => [m.name.getText(source), m.questionToken ? '?' : '', m.type.getText(source)]),
    );
  } else if (ts.isTypeAliasDeclaration(statement)) {
    aliases.set(statement.name.text, statement.type);
  }
}

// A union of string literals, as a list.
function literals(name) {
  const type = aliases.get(name);
  assert.ok(type, `index.d.ts has no type ${name}`);
  const parts = ts.isUnionTypeNode(type) ? type.types : [type];
  return parts.filter((t) => ts.isLiteralTypeNode(t)).map((t) => t.literal.text);
}

// The TypeScript type a member of this model shape must have.
function typeOf(shapeName) {
  const shape = model.shapes[shapeName];
  switch (shape.type) {
    case 'string':
      return shape.enum ? shapeName : 'string';
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'long':
      return 'number';
    case 'timestamp':
      return 'Timestamp';
    case 'list':
      return `${typeOf(shape.member.shape)}[]`;
    case 'map':
      return `Record<string, ${typeOf(shape.value.shape)}>`;
    case 'structure':
      return shapeName;
    default:
      throw new Error(`unexpected shape type ${shape.type}`);
  }
}

test('every structure of the model is an interface with the same members', () => {
  let count = 0;
  for (const [name, shape] of Object.entries(model.shapes)) {
    if (shape.type !== 'structure') continue;
    count++;
    const required = new Set(shape.required ?? []);
    const expected = Object.entries(shape.members ?? {}).map(([member, spec]) => [
      member,
      required.has(member) ? '' : '?',
      typeOf(spec.shape),
    ]);
    assert.deepEqual(interfaces.get(name), expected, name);
  }
  assert.ok(count >= 50, `only ${count} structures`);
});

test('every enum of the model is a union of its values', () => {
  for (const [name, shape] of Object.entries(model.shapes)) {
    if (shape.type === 'string' && shape.enum) assert.deepEqual(literals(name), shape.enum, name);
  }
});

test('OperationName and ShapeName list targets(), in order', () => {
  assert.deepEqual([...literals('OperationName'), ...literals('ShapeName')], idpool.targets());
  assert.deepEqual(literals('OperationName'), Object.keys(model.operations).sort());
});

test("IssueCode lists the core's codes", () => {
  const report = readFileSync(join(repoRoot, 'core/src/report.rs'), 'utf8');
  const asStr = report.slice(report.indexOf('pub fn as_str'), report.indexOf('pub fn exception'));
  const codes = [...asStr.matchAll(/Code::\w+ => "(\w+)"/g)].map((m) => m[1]);
  assert.ok(codes.length >= 30, `found ${codes.length} codes in report.rs`);
  const declared = [...literals('ConstraintCode'), ...literals('SemanticCode'), ...literals('WarningCode')];
  assert.deepEqual(declared, codes);
});
