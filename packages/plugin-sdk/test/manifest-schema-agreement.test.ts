/**
 * The plugin API publishes the manifest and credential-field rules as JSON Schema data (MANIFEST_JSON_SCHEMA,
 * CREDENTIAL_FIELD_JSON_SCHEMA); the host validates with class-validator (validateManifest, CredentialFieldSchema).
 * Nothing else proves the two agree: here each manifest of a table — every real plugin's, the fixtures', and one
 * invalid variant per rule — goes through both, and both must accept it or both refuse it. Values are JSON data
 * only (no NaN, Infinity or functions): the JSON Schema describes JSON.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import 'reflect-metadata';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CONTRACT_VERSION, CREDENTIAL_FIELD_JSON_SCHEMA, MANIFEST_JSON_SCHEMA } from '@stock-sync/plugin-api';
import { validateManifest } from '../src';
import { CredentialFieldSchema } from '../src/validation/manifest-schema';
import { formatValidationErrors } from '../src/validation/format-errors';

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }); // oneOf: [{ required: ['remaining'] }, …] names properties declared beside it;
addFormats(ajv);
const jsonSchemaAccepts = ajv.compile(MANIFEST_JSON_SCHEMA);
const jsonSchemaAcceptsField = ajv.compile(CREDENTIAL_FIELD_JSON_SCHEMA);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** The workspace root, found upwards (Stryker runs this file from a sandbox copy deeper in the package). */
function workspaceRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}
const REPO = workspaceRoot(__dirname);

/** Every built plugin's manifest (plugins/<id>/dist/manifest.js), as JSON data. */
function realManifests(): [string, JsonObject][] {
  const dir = path.join(REPO, 'plugins');
  return fs
    .readdirSync(dir)
    .filter((id) => fs.existsSync(path.join(dir, id, 'dist/manifest.js')))
    .map((id) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a built plugin module, read as data
      const mod = require(path.join(dir, id, 'dist/manifest.js')) as { manifest: unknown };
      return [`plugins/${id}`, JSON.parse(JSON.stringify(mod.manifest)) as JsonObject];
    });
}

const base: JsonObject = {
  id: 'tiny-shop',
  displayName: 'Tiny Shop',
  contractVersion: CONTRACT_VERSION,
  capabilities: { unlimitedStock: 'native', maxBatch: 10, readBack: true },
  rateLimit: { requestsPerSecond: 2, burst: 4 },
};

/** `base` with one path set (or removed, with `undefined`). */
function withField(pathText: string, value: Json | undefined): JsonObject {
  const copy = JSON.parse(JSON.stringify(base)) as JsonObject;
  const keys = pathText.split('.');
  let at = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as JsonObject;
  const last = keys[keys.length - 1];
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

const signal = (s: Json): JsonObject => withField('rateLimit.signals', [s]);

const VALID: [string, JsonObject][] = [
  ['the minimal manifest', base],
  ['contractVersion as the major', withField('contractVersion', 1)],
  ['contractVersion of a newer minor', withField('contractVersion', '1.9.0')],
  ['contractVersion with a pre-release', withField('contractVersion', '1.5.0-beta.1')],
  ['an emulated unlimited', withField('capabilities.unlimitedStock', 'emulated')],
  ['maxBatch 1', withField('capabilities.maxBatch', 1)],
  ['readBack false (deprecated, ignored)', withField('capabilities.readBack', false)],
  ['webhooks given (deprecated)', withField('capabilities.webhooks', false)],
  ['an unknown capability (a newer minor may add one)', withField('capabilities.drafts', true)],
  ['an unknown manifest key (a newer minor may add one)', withField('homepage', 'x')],
  ['a fractional rate', withField('rateLimit.requestsPerSecond', 0.5)],
  ['a rate note', withField('rateLimit.note', 'documented: 2/s')],
  ['no signals', withField('rateLimit.signals', [])],
  ['a remaining signal with a fixed pause', signal({ remaining: 'X-Left', pause: { ms: 1000 } })],
  [
    'a usedOfLimit signal with a header pause',
    signal({ usedOfLimit: 'X-Call-Limit', pause: { header: 'X-Reset', unit: 's' }, onErrors: true }),
  ],
  ['an https docsUrl', withField('docsUrl', 'https://developer.example.com/api')],
  ['a local http docsUrl', withField('docsUrl', 'http://localhost:8080/docs')],
  ['an empty-ish display name', withField('displayName', ' ')],
];

const INVALID: [string, JsonObject][] = [
  ...['id', 'displayName', 'contractVersion', 'capabilities', 'rateLimit'].map((k): [string, JsonObject] => [
    `no ${k}`,
    withField(k, undefined),
  ]),
  ...['unlimitedStock', 'maxBatch', 'readBack'].map((k): [string, JsonObject] => [
    `no capabilities.${k}`,
    withField(`capabilities.${k}`, undefined),
  ]),
  ...['requestsPerSecond', 'burst'].map((k): [string, JsonObject] => [`no rateLimit.${k}`, withField(`rateLimit.${k}`, undefined)]),
  ['an id with capitals', withField('id', 'TinyShop')],
  ['an id with an underscore', withField('id', 'tiny_shop')],
  ['an id with a double dash', withField('id', 'tiny--shop')],
  ['an id starting with a digit', withField('id', '1shop')],
  ['an id ending with a dash', withField('id', 'shop-')],
  ['an empty id', withField('id', '')],
  ['a numeric id', withField('id', 7)],
  ['an empty display name', withField('displayName', '')],
  ['a numeric display name', withField('displayName', 3)],
  ['contractVersion of another major (number)', withField('contractVersion', 2)],
  ['contractVersion of another major (string)', withField('contractVersion', '2.0.0')],
  ['contractVersion 0', withField('contractVersion', 0)],
  ['contractVersion a fraction', withField('contractVersion', 1.5)],
  ['contractVersion a range', withField('contractVersion', '^1.0.0')],
  ['contractVersion a partial version', withField('contractVersion', '1.4')],
  ['contractVersion a word', withField('contractVersion', 'latest')],
  ['contractVersion a boolean', withField('contractVersion', true)],
  ['capabilities an array', withField('capabilities', [])],
  ['capabilities null', withField('capabilities', null)],
  ['unlimitedStock unknown', withField('capabilities.unlimitedStock', 'infinite')],
  ['maxBatch 0', withField('capabilities.maxBatch', 0)],
  ['maxBatch negative', withField('capabilities.maxBatch', -1)],
  ['maxBatch a fraction', withField('capabilities.maxBatch', 2.5)],
  ['maxBatch a string', withField('capabilities.maxBatch', '10')],
  ['readBack a string', withField('capabilities.readBack', 'true')],
  ['webhooks a string', withField('capabilities.webhooks', 'no')],
  ['rateLimit a string', withField('rateLimit', 'fast')],
  ['requestsPerSecond 0', withField('rateLimit.requestsPerSecond', 0)],
  ['requestsPerSecond negative', withField('rateLimit.requestsPerSecond', -2)],
  ['requestsPerSecond a string', withField('rateLimit.requestsPerSecond', '2')],
  ['burst 0', withField('rateLimit.burst', 0)],
  ['burst null', withField('rateLimit.burst', null)],
  ['a numeric note', withField('rateLimit.note', 5)],
  ['signals an object', withField('rateLimit.signals', { remaining: 'X-Left', pause: { ms: 1 } })],
  ['a signal that is a number', signal(1)],
  ['a signal without a header', signal({ pause: { ms: 1000 } })],
  ['a signal with both headers', signal({ remaining: 'X-Left', usedOfLimit: 'X-Limit', pause: { ms: 1000 } })],
  ['a signal without a pause', signal({ remaining: 'X-Left' })],
  ['a signal header with a space', signal({ remaining: 'X Left', pause: { ms: 1000 } })],
  ['a signal header empty', signal({ usedOfLimit: '', pause: { ms: 1000 } })],
  ['a signal pause of 0 ms', signal({ remaining: 'X-Left', pause: { ms: 0 } })],
  ['a signal pause in minutes', signal({ remaining: 'X-Left', pause: { header: 'X-Reset', unit: 'min' } })],
  ['a signal pause with both forms', signal({ remaining: 'X-Left', pause: { ms: 5, header: 'X-Reset', unit: 's' } })],
  ['a signal pause with an unknown key', signal({ remaining: 'X-Left', pause: { ms: 5, jitter: true } })],
  ['a signal pause header with a colon', signal({ remaining: 'X-Left', pause: { header: 'X:Reset', unit: 's' } })],
  ['a signal with an unknown key', signal({ remaining: 'X-Left', pause: { ms: 1000 }, scope: 'store' })],
  ['a signal with onErrors a string', signal({ remaining: 'X-Left', pause: { ms: 1000 }, onErrors: 'yes' })],
  ['docsUrl without a scheme', withField('docsUrl', 'developer.example.com/api')],
  ['docsUrl of another scheme', withField('docsUrl', 'ftp://example.com/docs')],
  ['docsUrl with a space', withField('docsUrl', 'https://exa mple.com/docs')],
  ['docsUrl with no host', withField('docsUrl', 'https://')],
  ['docsUrl a number', withField('docsUrl', 42)],
];

function fixtureManifest(file: string): JsonObject {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fixture plugin module, read as data
  const mod = require(path.join(REPO, file)) as { manifest?: unknown; default?: { manifest?: unknown }; plugin?: { manifest?: unknown } };
  const manifest = mod.manifest ?? mod.default?.manifest ?? mod.plugin?.manifest;
  return JSON.parse(JSON.stringify(manifest)) as JsonObject;
}

const FIXTURES: [string, JsonObject, boolean][] = [
  ['apps/hub/test/fixtures/plugins/demo-shop/lib/index.js', true],
  ['apps/hub/test/fixtures/plugin-api/newer-minor-shop/lib/index.js', true],
  ['apps/hub/test/fixtures/plugins/bad-manifest/lib/index.js', false],
].map(([file, valid]) => [file as string, fixtureManifest(file as string), valid as boolean]);

function verdicts(manifest: JsonObject): { jsonSchema: boolean; classValidator: string[] } {
  return { jsonSchema: jsonSchemaAccepts(manifest), classValidator: validateManifest(manifest) };
}

describe('the manifest JSON Schema and the SDK validation agree', () => {
  const real = realManifests();

  it('finds the sixteen built plugins', () => {
    expect(real.length).toBeGreaterThanOrEqual(16);
  });

  it.each(real)('%s: both accept', (_name, manifest) => {
    expect(verdicts(manifest)).toEqual({ jsonSchema: true, classValidator: [] });
  });

  it.each(real)('%s: gives no deprecated webhooks flag', (_name, manifest) => {
    expect(manifest.capabilities).not.toHaveProperty('webhooks');
  });

  it.each(VALID)('%s: both accept', (_name, manifest) => {
    expect(verdicts(manifest)).toEqual({ jsonSchema: true, classValidator: [] });
  });

  it.each(INVALID)('%s: both refuse, the SDK naming the path', (_name, manifest) => {
    const { jsonSchema, classValidator } = verdicts(manifest);
    expect({ jsonSchema, refusedBySdk: classValidator.length > 0 }).toEqual({ jsonSchema: false, refusedBySdk: true });
    for (const message of classValidator) expect(message).toMatch(/^manifest(\.[A-Za-z0-9]+)+ /);
  });

  it.each(FIXTURES)('fixture %s: both give the same verdict', (_file, manifest, valid) => {
    const { jsonSchema, classValidator } = verdicts(manifest);
    expect({ jsonSchema, sdk: classValidator.length === 0 }).toEqual({ jsonSchema: valid, sdk: valid });
  });
});

describe('the credential field JSON Schema and the SDK validation agree', () => {
  const sdkAccepts = (field: JsonObject) =>
    formatValidationErrors(validateSync(plainToInstance(CredentialFieldSchema, field)), 'credentialFields[0]').length === 0;
  const cases: [string, JsonObject, boolean][] = [
    ['a secret token', { name: 'accessToken', secret: true, required: true }, true],
    ['with a description', { name: 'shop_domain', secret: false, required: false, description: 'the shop' }, true],
    ['no name', { secret: true, required: true }, false],
    ['no secret', { name: 'token', required: true }, false],
    ['no required', { name: 'token', secret: true }, false],
    ['a name with a dash', { name: 'access-token', secret: true, required: true }, false],
    ['a name starting with a digit', { name: '1token', secret: true, required: true }, false],
    ['secret a string', { name: 'token', secret: 'yes', required: true }, false],
    ['a numeric description', { name: 'token', secret: true, required: true, description: 1 }, false],
  ];
  it.each(cases)('%s: both give the same verdict', (_name, field, valid) => {
    expect({ jsonSchema: jsonSchemaAcceptsField(field), sdk: sdkAccepts(field) }).toEqual({ jsonSchema: valid, sdk: valid });
  });
});
