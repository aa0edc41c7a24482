// Integrations: the loaded plugins and their versions (GET /v1/integrations, with the known ones whose
// plugin is gone), and the plugin packages the hub refused to load with the reason
// (GET /v1/integrations/refused; a hub without that route shows none).
import { html } from '/console/vendor/preact-htm.js';
import { Pending, useApi } from './use-api.js';

function Refused({ state }) {
  if (state.error?.status === 404) return null;
  if (!state.data) return html`<${Pending} state=${state} what="the refused plugins" />`;
  const { refused, pluginApi } = state.data;
  return html`
    <h3>Plugins the hub refused to load</h3>
    ${pluginApi && html`<p class="muted">This hub provides plugin API ${pluginApi}.</p>`}
    ${
      refused.length === 0
        ? html`<p>None: every plugin package found was loaded.</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">Plugin</th>
                <th scope="col">Package</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              ${refused.map(
                (r) =>
                  html`<tr>
                    <th scope="row">${r.id ?? '—'}</th>
                    <td>${r.packageName ?? '—'}</td>
                    <td class="error">${r.reason}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  `;
}

export function Integrations() {
  const state = useApi('/v1/integrations?includeUnavailable=true');
  const refused = useApi('/v1/integrations/refused');
  if (!state.data)
    return html`<h2>Integrations</h2>
      <${Pending} state=${state} what="the integrations" />`;
  return html`
    <h2>Integrations</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Platform</th>
          <th scope="col">Id</th>
          <th scope="col">Version</th>
          <th scope="col">Plugin API</th>
          <th scope="col">Loaded</th>
          <th scope="col">Install flow</th>
          <th scope="col">Why not loaded</th>
        </tr>
      </thead>
      <tbody>
        ${state.data.map(
          (i) =>
            html`<tr>
              <th scope="row">${i.displayName}</th>
              <td><code>${i.id}</code></td>
              <td>${i.version ?? i.packageVersion ?? '—'}</td>
              <td>${i.contractVersion}</td>
              <td class=${i.available ? 'status-active' : 'status-failed'}>${i.available ? 'yes' : 'no'}</td>
              <td>${i.installFlow ? (i.installFlow.configured ? 'configured' : 'not configured') : '—'}</td>
              <td>${i.unavailableReason ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <${Refused} state=${refused} />
  `;
}
