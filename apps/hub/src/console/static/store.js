// One store: settings, synced variants (desired vs last written), recent runs with their changes and
// errors, and the actions sync now, dry run (the diff it would write), pause/resume, reconnect.
import { html, useState } from '/console/vendor/preact-htm.js';
import { api } from './api.js';
import { errorText, label, stock, when } from './format.js';
import { Pending, useApi } from './use-api.js';

const FINISHED = new Set(['succeeded', 'failed', 'partial']);

async function finishedRun(runId, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await api(`/v1/sync-runs/${runId}`);
    if (FINISHED.has(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} is still ${run.status}; look again under "Recent runs"`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function Changes({ changes, caption }) {
  if (changes.length === 0) return html`<p>${caption}: no change.</p>`;
  return html`<table>
    <caption class="muted">
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">Product</th>
        <th scope="col">Variant</th>
        <th scope="col">From</th>
        <th scope="col">To</th>
        <th scope="col">Outcome</th>
        <th scope="col">Error</th>
      </tr>
    </thead>
    <tbody>
      ${changes.map(
        (c) =>
          html`<tr>
            <td>${c.externalProductId}</td>
            <td>${c.externalVariantId}</td>
            <td>${stock(c.from)}</td>
            <td>${stock(c.to)}</td>
            <td class=${`outcome-${c.outcome}`}>${label(c.outcome)}</td>
            <td>${errorText(c.error)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function RunRow({ run }) {
  const [changes, setChanges] = useState(undefined);
  const toggle = async () => setChanges(changes ? undefined : await api(`/v1/sync-runs/${run.id}/changes`));
  const c = run.counts;
  return html`
    <tr>
      <td>${when(run.createdAt ?? run.startedAt)}</td>
      <td>${label(run.trigger)}${run.dryRun ? ' (dry run)' : ''}</td>
      <td class=${`status-${run.status}`}>${run.status}</td>
      <td class="num">${c.planned}</td>
      <td class="num">${c.written}</td>
      <td class="num">${c.failed}</td>
      <td class="num">${c.drift}</td>
      <td class="error">${errorText(run.error)}</td>
      <td>
        <button type="button" aria-expanded=${changes ? 'true' : 'false'} onClick=${toggle}>${changes ? 'Hide' : 'Show'} changes</button>
      </td>
    </tr>
    ${
      changes &&
      html`<tr>
        <td colspan="9"><${Changes} changes=${changes} caption=${`Changes of run ${run.id}`} /></td>
      </tr>`
    }
  `;
}

export function Store({ id }) {
  const store = useApi(`/v1/stores/${id}`);
  const variants = useApi(`/v1/stores/${id}/sync-variants?limit=100`);
  const runs = useApi(`/v1/stores/${id}/sync-runs?limit=10`);
  const integrations = useApi('/v1/integrations');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [dryRun, setDryRun] = useState(undefined);
  const [connect, setConnect] = useState(undefined);

  const s = store.data;
  if (!s)
    return html`<h2>Store</h2>
      <${Pending} state=${store} what="the store" />`;
  const installFlow = (integrations.data ?? []).find((i) => i.id === s.platform)?.installFlow;

  const act = (what, fn) => async () => {
    setBusy(true);
    setMessage(`${what}…`);
    try {
      setMessage(await fn());
    } catch (e) {
      setMessage(`${what} failed: ${e.message}`);
    } finally {
      setBusy(false);
      store.reload();
      runs.reload();
      variants.reload();
    }
  };
  const syncNow = act('Sync', async () => {
    const { runId } = await api(`/v1/stores/${id}/sync`, { method: 'POST', body: {} });
    const run = await finishedRun(runId);
    return `Sync run ${run.status}: ${run.counts.written} written, ${run.counts.failed} failed.`;
  });
  const dry = act('Dry run', async () => {
    setDryRun(undefined);
    const { runId } = await api(`/v1/stores/${id}/sync`, { method: 'POST', body: { dryRun: true } });
    const run = await finishedRun(runId);
    const changes = await api(`/v1/sync-runs/${runId}/changes`);
    setDryRun({ run, changes });
    return `Dry run ${run.status}: ${changes.filter((c) => c.outcome === 'would_write').length} changes would be written.`;
  });
  const pause = act(s.status === 'paused' ? 'Resume' : 'Pause', async () => {
    const next = s.status === 'paused' ? { status: 'active' } : { status: 'paused', statusReason: 'paused from the operations console' };
    const updated = await api(`/v1/stores/${id}`, { method: 'PATCH', body: next });
    return `The store is ${label(updated.status)}.`;
  });
  const reconnect = act('Reconnect', async () => {
    const answer = await api(`/v1/stores/${id}/reconnect`, { method: 'POST', body: {} });
    setConnect(answer);
    return 'Send the merchant to the install link below (or open it yourself if you hold the store account).';
  });

  return html`
    <h2>${s.name} <span class=${`status-${s.status}`}>(${label(s.status)})</span></h2>
    ${s.statusReason && html`<p class="notice"><strong>Why: </strong>${s.statusReason}</p>`}
    <div class="actions">
      <button type="button" class="primary" disabled=${busy} onClick=${syncNow}>Sync now</button>
      <button type="button" disabled=${busy} onClick=${dry}>Dry run</button>
      <button type="button" disabled=${busy || s.status === 'needs_reconnect'} onClick=${pause}>
        ${s.status === 'paused' ? 'Resume' : 'Pause'}
      </button>
      ${installFlow?.configured && html`<button type="button" disabled=${busy} onClick=${reconnect}>Reconnect</button>`}
    </div>
    <p role="status" aria-live="polite">${message}</p>
    ${connect && html`<p class="notice">Install link (expires ${when(connect.expiresAt)}): <a href=${connect.connectUrl} rel="noreferrer">${connect.connectUrl}</a></p>`}
    ${
      dryRun &&
      html`<section aria-labelledby="dry-run">
        <h3 id="dry-run">Dry run: what a sync would write</h3>
        <${Changes} changes=${dryRun.changes} caption=${`Dry run ${dryRun.run.id} (${dryRun.run.status}), nothing written`} />
      </section>`
    }
    <section aria-labelledby="settings">
      <h3 id="settings">Settings</h3>
      <dl class="settings">
        <dt>Platform</dt>
        <dd>${s.platform}${s.platformAvailable ? '' : html` <span class="error">(plugin not loaded)</span>`}</dd>
        <dt>Selling region</dt>
        <dd>${s.sellingRegion}</dd>
        <dt>Stock sync</dt>
        <dd>${s.stockSyncEnabled ? 'enabled' : 'disabled'}</dd>
        <dt>Drift policy</dt>
        <dd>${s.driftPolicy}</dd>
        <dt>Reconcile every</dt>
        <dd>${s.reconcileIntervalSeconds ? `${s.reconcileIntervalSeconds} s` : 'hub default'}</dd>
        <dt>Last reconciled</dt>
        <dd>${when(s.lastReconciledAt)}</dd>
        <dt>Credentials set</dt>
        <dd>${s.credentialsSet.join(', ') || 'none'}</dd>
        <dt>Id</dt>
        <dd><code>${s.id}</code></dd>
      </dl>
    </section>
    <section aria-labelledby="variants">
      <h3 id="variants">Synced variants (first 100)</h3>
      ${
        variants.data
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Variant</th>
                  <th scope="col">Catalog variant</th>
                  <th scope="col">State</th>
                  <th scope="col">Desired</th>
                  <th scope="col">Last written</th>
                  <th scope="col">Written at</th>
                  <th scope="col">Error</th>
                </tr>
              </thead>
              <tbody>
                ${variants.data.items.map(
                  (v) =>
                    html`<tr>
                      <td>${v.externalProductId}</td>
                      <td>${v.externalVariantId}</td>
                      <td>
                        ${v.catalogVariantId === null ? html`<span class="muted">not linked</span>` : html`<a href=${`#/variants/${v.catalogVariantId}`}>${v.catalogVariantId}</a>`}
                      </td>
                      <td class=${`status-${v.state}`}>
                        ${v.ignored ? 'ignored' : label(v.state)}${v.pending && v.state !== 'pending' ? ' (pending)' : ''}
                      </td>
                      <td>${stock(v.desired)}</td>
                      <td>${stock(v.lastWritten)}</td>
                      <td>${when(v.lastWrittenAt)}</td>
                      <td class="error">${errorText(v.lastError)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<${Pending} state=${variants} what="the variants" />`
      }
    </section>
    <section aria-labelledby="runs">
      <h3 id="runs">Recent runs</h3>
      ${
        runs.data
          ? html`<table>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">Planned</th>
                  <th scope="col" class="num">Written</th>
                  <th scope="col" class="num">Failed</th>
                  <th scope="col" class="num">Drift</th>
                  <th scope="col">Error</th>
                  <th scope="col"><span class="muted">Changes</span></th>
                </tr>
              </thead>
              <tbody>
                ${runs.data.map((r) => html`<${RunRow} key=${r.id} run=${r} />`)}
              </tbody>
            </table>`
          : html`<${Pending} state=${runs} what="the runs" />`
      }
    </section>
  `;
}
