/**
 * What `pnpm sandbox` prints: per platform the base URL, the credentials to paste into POST /v1/stores,
 * and the curl lines to inspect stock, inject faults and read the request log. Plain text: it is read by
 * people and copied into terminals.
 */
import { oauthEnvFor } from './oauth-env';
import type { Sandbox, SandboxSimulator } from './start-sandbox';

const FAULT_EXAMPLE = '{"rateLimit":{"count":5,"retryAfterSeconds":2}}';

export function credentialsJson(sim: SandboxSimulator): string {
  return JSON.stringify(sim.simulator.credentials);
}

export function describeSimulator(sim: SandboxSimulator): string[] {
  const url = sim.simulator.baseUrl;
  const lines = [
    `${sim.displayName} (platform "${sim.id}")  ${url}`,
    `  credentials for POST /v1/stores:`,
    `    ${credentialsJson(sim)}`,
    `  stock         curl ${url}/__sim/stock`,
    `  faults        curl -X POST ${url}/__sim/faults -H 'content-type: application/json' -d '${FAULT_EXAMPLE}'`,
    `  request log   curl ${url}/__sim/requests`,
  ];
  const oauth = oauthEnvFor(sim);
  if (Object.keys(oauth).length) {
    lines.push(
      `  install flow: start the hub with`,
      `    ${Object.entries(oauth)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    lines.push(
      `    then POST <hub>/v1/stores/connect {"platform":"${sim.id}","name":"My shop","sellingRegion":"worldwide","inputs":{…}} and open the connectUrl`,
    );
  }
  if (sim.seedError) lines.push(`  ! sample catalog not seeded: ${sim.seedError}`);
  return lines;
}

/** The whole guide: one block per running simulator, then what was skipped and the shared how-to. */
export function describeSandbox(sandbox: Sandbox, opts: { seeded?: boolean } = {}): string {
  const out: string[] = [];
  const n = sandbox.simulators.length;
  out.push(`Stock Sync sandbox: ${n} simulated platform${n === 1 ? '' : 's'} running${opts.seeded ? ' (sample catalog seeded)' : ''}`);
  out.push('');
  for (const sim of sandbox.simulators) out.push(...describeSimulator(sim), '');
  if (sandbox.skipped.length) {
    out.push('Skipped:');
    for (const s of sandbox.skipped) out.push(`  ${s.id} (${s.packageName}): ${s.reason}`);
    out.push('');
  }
  const first = sandbox.simulators[0];
  out.push(
    'How to use it:',
    `  Connect a store: POST <hub>/v1/stores?verify=true with {"name":"My shop","platform":"<id>","sellingRegion":"worldwide","credentials":<the JSON above>}`,
    '  Seed a simulated catalog: POST <url>/__sim/seed {"products":[{"productId":"101","variants":[{"variantId":"1011","initial":{"kind":"unlimited"}}]}]}',
    '  Faults (POST <url>/__sim/faults): rateLimit {count,retryAfterSeconds} · serverError {count,status?} · delay {ms,count}',
    '                                    · revoke true|false · deleteVariant {externalProductId,externalVariantId} · clear true',
    '  Edit by hand like a merchant (drift): POST <url>/__sim/manual-edit {"ref":{...},"to":{"kind":"out_of_stock"}}',
  );
  if (!opts.seeded) out.push('  Start with --seed for a small sample catalog in every simulated store.');
  if (first) out.push(`  e.g. curl ${first.simulator.baseUrl}/__sim/stock`);
  return out.join('\n');
}

/** One line per simulator, for the demo's closing summary. */
export function sandboxTable(sandbox: Sandbox): string {
  const width = Math.max(8, ...sandbox.simulators.map((s) => s.displayName.length));
  return sandbox.simulators
    .map((s) => `  ${s.displayName.padEnd(width)}  ${s.simulator.baseUrl}   curl ${s.simulator.baseUrl}/__sim/stock`)
    .join('\n');
}
