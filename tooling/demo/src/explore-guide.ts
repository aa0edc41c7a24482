/** What the demo prints when it leaves the hub and the sandbox running: where to look and what to try. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sandboxTable, type Sandbox } from '@stock-sync/sandbox';
import { NOTICE_PLATFORMS } from './drift-notices';
import type { DemoStore } from './fleet';
import type { Output } from './output';

export function printExploreGuide(
  out: Output,
  hub: { url: string; token: string; logFile: string },
  sandbox: Sandbox,
  stores: DemoStore[],
): void {
  const first = stores[0];
  out.heading('The hub and the sandbox keep running. Explore:');
  out.line(`  Hub        ${hub.url}`);
  out.line(`  Token      ${hub.token}`);
  out.line(`  API docs   ${hub.url}/docs`);
  out.line(`  Hub log    ${hub.logFile}`);
  out.line(`  Health     ${hub.url}/health/ready`);
  const metrics = metricsAccess(hub);
  out.line(`  Metrics    ${metrics.url}`);
  out.line('');
  out.line(`  export HUB=${hub.url} TOKEN=${hub.token}`);
  out.line(`  curl -H "authorization: Bearer $TOKEN" $HUB/v1/stores`);
  if (metrics.token) out.line(`  curl -H "authorization: Bearer ${metrics.token}" ${metrics.url}`);
  out.line(`  curl -H "authorization: Bearer $TOKEN" $HUB/v1/catalog/variants/101/stock`);
  if (first) out.line(`  curl -H "authorization: Bearer $TOKEN" "$HUB/v1/stores/${first.id}/sync-runs?limit=5"`);
  out.line(
    `  curl -X POST -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' $HUB/v1/facility-stock \\\n` +
      `       -d '{"updates":[{"variantId":104,"facility":"US-NC","status":"out_of_stock","observedAt":"'$(date -u +%Y-%m-%dT%H:%M:%SZ)'"}]}'`,
  );
  const edit = manualEditExample(stores);
  if (edit) {
    out.line(`  # a merchant's manual edit on ${edit.store.name} (driftPolicy reassert): its notice reaches the hub, which writes it back`);
    out.line(
      `  curl -X POST -H 'content-type: application/json' ${edit.store.simUrl}/__sim/manual-edit \\\n` +
        `       -d '{"ref":{"externalProductId":"${edit.variant.productId}","externalVariantId":"${edit.variant.variantId}"},"to":{"kind":"out_of_stock"}}'`,
    );
  }
  out.line('');
  out.line('  Sandbox (simulated platforms; their stock, faults and request logs live under /__sim):');
  out.line(sandboxTable(sandbox));
  out.line('');
  out.line('Press Ctrl-C to stop.');
}

/**
 * Where the hub serves Prometheus metrics and with which token: the caller's HUB_METRICS_BIND / HUB_METRICS_TOKEN
 * when set (the hub inherits them), else the development token the hub generated in its data dir (the log's folder).
 */
function metricsAccess(hub: { url: string; logFile: string }): { url: string; token?: string } {
  const bind = process.env.HUB_METRICS_BIND?.trim();
  const url = bind ? `http://${bind}/metrics` : `${hub.url}/metrics`;
  const file = path.join(path.dirname(hub.logFile), 'metrics-token');
  const token = process.env.HUB_METRICS_TOKEN?.trim() || (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined);
  return { url, token };
}

/** The first synced variant of the first store the notices step set to reassert (the first of its platform). */
function manualEditExample(stores: readonly DemoStore[]) {
  const store = NOTICE_PLATFORMS.map((p) => stores.find((s) => s.platform === p)).find((s) => s !== undefined);
  const variant = store?.variants.find((v) => v.link === 'synced');
  return store && variant ? { store, variant } : undefined;
}
