// Integrations: the loaded plugins, their versions, and any that failed to load with the reason.
import { html } from '/console/vendor/preact-htm.js';
import { Pending, useApi } from './use-api.js';

const failures = (data) => (Array.isArray(data?.loadFailures) ? data.loadFailures : []);

export function Integrations() {
  const state = useApi('/v1/integrations?includeUnavailable=true');
  if (!state.data)
    return html`<h2>Integrations</h2>
      <${Pending} state=${state} what="the integrations" />`;
  const rows = Array.isArray(state.data) ? state.data : (state.data.items ?? []);
  const failed = failures(state.data);
  return html`
    <h2>Integrations</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">Platform</th>
          <th scope="col">Id</th>
          <th scope="col">Version</th>
          <th scope="col">Contract</th>
          <th scope="col">Loaded</th>
          <th scope="col">Install flow</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (i) =>
            html`<tr>
              <th scope="row">${i.displayName}</th>
              <td><code>${i.id}</code></td>
              <td>${i.version ?? i.pluginVersion ?? '—'}</td>
              <td>${i.contractVersion}</td>
              <td class=${i.available ? 'status-active' : 'status-failed'}>${i.available ? 'yes' : 'no'}</td>
              <td>${i.installFlow ? (i.installFlow.configured ? 'configured' : 'not configured') : '—'}</td>
              <td>${i.unavailableReason ?? i.loadError ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      failed.length > 0 &&
      html`<h3>Plugins that failed to load</h3>
        <table>
          <thead>
            <tr>
              <th scope="col">Plugin</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            ${failed.map(
              (f) =>
                html`<tr>
                  <th scope="row">${f.id ?? f.package ?? f.path}</th>
                  <td class="error">${f.reason ?? f.message}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
    }
  `;
}
