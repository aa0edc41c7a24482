// Stores: filter by platform / status / drift found, search by name (GET /v1/stores with query params).
import { html, useState } from '/console/vendor/preact-htm.js';
import { query } from './api.js';
import { label } from './format.js';
import { Pending, useApi } from './use-api.js';

const STATUSES = ['active', 'paused', 'needs_reconnect'];

export function Stores({ params }) {
  const filters = {
    platform: params.get('platform') ?? '',
    status: params.get('status') ?? '',
    drift: params.get('drift') === 'true',
    q: params.get('q') ?? '',
  };
  const state = useApi(`/v1/stores${query(filters)}`);
  const integrations = useApi('/v1/integrations?includeUnavailable=true');
  const [draft, setDraft] = useState(filters.q);

  const go = (next) => {
    location.hash = `#/stores${query({ ...filters, ...next })}`;
  };
  const onSubmit = (e) => {
    e.preventDefault();
    go({ q: draft.trim() });
  };
  return html`
    <h2>Stores</h2>
    <form class="filters" role="search" aria-label="Filter stores" onSubmit=${onSubmit}>
      <label
        >Platform
        <select name="platform" value=${filters.platform} onChange=${(e) => go({ platform: e.currentTarget.value })}>
          <option value="">any</option>
          ${(integrations.data ?? []).map((i) => html`<option value=${i.id}>${i.displayName}</option>`)}
          ${filters.platform && !(integrations.data ?? []).some((i) => i.id === filters.platform) && html`<option value=${filters.platform}>${filters.platform}</option>`}
        </select>
      </label>
      <label
        >Status
        <select name="status" value=${filters.status} onChange=${(e) => go({ status: e.currentTarget.value })}>
          <option value="">any</option>
          ${STATUSES.map((s) => html`<option value=${s}>${label(s)}</option>`)}
        </select>
      </label>
      <label
        >Drift found (24 h)
        <select name="drift" value=${filters.drift ? 'true' : ''} onChange=${(e) => go({ drift: e.currentTarget.value === 'true' })}>
          <option value="">any</option>
          <option value="true">yes</option>
        </select>
      </label>
      <label
        >Name contains
        <input name="q" type="search" value=${draft} onInput=${(e) => setDraft(e.currentTarget.value)} />
      </label>
      <button type="submit">Search</button>
      ${(filters.platform || filters.status || filters.drift || filters.q) && html`<a href="#/stores">Clear filters</a>`}
    </form>
    ${
      state.data
        ? html` <p class="muted" aria-live="polite">${state.data.length} store${state.data.length === 1 ? '' : 's'}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Platform</th>
                  <th scope="col">Selling region</th>
                  <th scope="col">Status</th>
                  <th scope="col">Why</th>
                  <th scope="col">Sync</th>
                </tr>
              </thead>
              <tbody>
                ${state.data.map(
                  (s) =>
                    html`<tr>
                      <th scope="row"><a href=${`#/stores/${s.id}`}>${s.name}</a></th>
                      <td>${s.platform}${s.platformAvailable ? '' : html` <span class="error">(plugin not loaded)</span>`}</td>
                      <td>${s.sellingRegion}</td>
                      <td class=${`status-${s.status}`}>${label(s.status)}</td>
                      <td>${s.statusReason ?? ''}</td>
                      <td>${s.stockSyncEnabled ? 'on' : 'off'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : html`<${Pending} state=${state} what="the stores" />`
    }
  `;
}
