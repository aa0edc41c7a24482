/**
 * The served OpenAPI document passes `redocly lint` with the recommended ruleset (test/redocly.yaml)
 * with no error and no warning, and keeps the hub's own conventions: every operation has a summary and
 * an operationId (`@ApiOperation`), every JSON request body an example, and the document's version is the
 * API's (the `/v1` of the paths). A route added without its summary fails here, naming it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModulesContainer } from '@nestjs/core';
import { collectPublicRoutes, PublicRouteMatcher } from '../src/auth/public-routes';
import { API_VERSION } from '../src/http/openapi';
import { startTestHub, type TestHub } from './support/hub-harness';
import { fetchOpenApi, operationsOf, type OpenApiDocument } from './security/support/openapi-operations';

interface RedoclyProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location?: Array<{ pointer?: string }>;
}

/** Runs the pinned Redocly CLI on a file; returns its problems (its JSON report). */
function redoclyLint(file: string): { problems: RedoclyProblem[]; totals: { errors: number; warnings: number } } {
  const pkgFile = require.resolve('@redocly/cli/package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { bin: Record<string, string> };
  const bin = path.join(path.dirname(pkgFile), pkg.bin.redocly ?? Object.values(pkg.bin)[0]);
  const config = path.join(__dirname, 'redocly.yaml');
  const r = spawnSync(process.execPath, [bin, 'lint', file, '--config', config, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    timeout: 120_000,
  });
  const start = r.stdout.indexOf('{');
  if (start < 0) throw new Error(`redocly lint printed no report (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.slice(start)) as { problems: RedoclyProblem[]; totals: { errors: number; warnings: number } };
}

describe('the served OpenAPI document [pglite]', () => {
  let doc: OpenApiDocument & { info: { version: string }; servers?: unknown[] };
  let file: string;
  let stop: () => Promise<void>;
  let hub: TestHub;

  beforeAll(async () => {
    const started = await startTestHub('pglite');
    stop = started.stop;
    hub = started.hub;
    doc = (await fetchOpenApi(started.hub.url)) as typeof doc;
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-openapi-lint-')), 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  }, 120_000);
  afterAll(async () => {
    await stop?.();
    if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('redocly lint (recommended ruleset): no error, no warning', () => {
    const report = redoclyLint(file);
    const found = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location?.[0]?.pointer ?? '?'}: ${p.message}`);
    expect(found).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);

  it('every operation has a summary and a unique operationId (add @ApiOperation({ operationId, summary }) to the handler)', () => {
    const missing: string[] = [];
    const ids = new Map<string, string>();
    for (const op of operationsOf(doc)) {
      const name = `${op.method} ${op.template}`;
      const o = op.operation as { summary?: string; operationId?: string };
      if (!o.summary?.trim()) missing.push(`${name}: no summary`);
      if (!o.operationId || /Controller_/.test(o.operationId)) missing.push(`${name}: no operationId of its own (got ${o.operationId})`);
      else if (ids.has(o.operationId)) missing.push(`${name}: operationId ${o.operationId} also used by ${ids.get(o.operationId)}`);
      else ids.set(o.operationId, name);
    }
    expect(missing).toEqual([]);
  });

  it('every JSON request body has an example', () => {
    const missing = operationsOf(doc)
      .filter((op) => op.hasBody)
      .filter((op) => {
        const media = op.operation.requestBody?.content?.['application/json'] as { example?: unknown; examples?: unknown } | undefined;
        return media?.example === undefined && media?.examples === undefined;
      })
      .map((op) => `${op.method} ${op.template}`);
    expect(missing).toEqual([]);
  });

  it("the document's version is the API's: info.version, and the /v<version> prefix of every protected path", () => {
    expect(doc.info.version).toBe(API_VERSION);
    const stray = operationsOf(doc)
      .filter((op) => (op.operation.security?.length ?? 0) > 0 && !op.template.startsWith(`/v${API_VERSION}/`))
      .map((op) => `${op.method} ${op.template}`);
    expect(stray).toEqual([]);
  });

  it('public operations (per @Public(), as the auth middleware sees them) say security: [], every other one names the bearer scheme', () => {
    const schemes = Object.keys((doc as { components?: { securitySchemes?: object } }).components?.securitySchemes ?? {});
    expect(schemes).toEqual(['bearer']);
    const matcher = new PublicRouteMatcher(collectPublicRoutes(hub.app.get(ModulesContainer)));
    const wrong: string[] = [];
    for (const op of operationsOf(doc)) {
      const isPublic = matcher.isPublic(op.method, op.path);
      const expected = isPublic ? [] : [{ bearer: [] }];
      if (JSON.stringify(op.operation.security) !== JSON.stringify(expected))
        wrong.push(`${op.method} ${op.template}: ${JSON.stringify(op.operation.security)}`);
    }
    expect(wrong).toEqual([]);
    expect(operationsOf(doc).find((op) => op.method === 'GET' && op.template === '/health')?.operation.security).toEqual([]);
  });
});
