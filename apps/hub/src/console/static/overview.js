// Overview: stores by platform and status, backlog, oldest pending, latency over the last hour, throttles.
import { html } from '/console/vendor/preact-htm.js';
import { LatencyChart } from './chart.js';
import { age, secs } from './format.js';
import { Pending, useApi } from './use-api.js';

export function Overview() {
  const state = useApi('/v1/overview');
  const o = state.data;
  if (!o)
    return html`<h2>Overview</h2>
      <${Pending} state=${state} what="the overview" />`;
  return html`
    <h2>Overview</h2>
    <dl class="cards">
      <div class="card">
        <dt>Stores</dt>
        <dd>${o.stores.total}</dd>
      </div>
      <div class="card">
        <dt>Need a person</dt>
        <dd class="split">
          <a href="#/stores?status=needs_reconnect">${o.stores.byStatus.needs_reconnect}</a>
          <span class="muted">${' needs reconnect · '}</span>
          <a href="#/stores?status=paused">${o.stores.byStatus.paused}</a>
          <span class="muted">${' paused'}</span>
        </dd>
      </div>
      <div class="card">
        <dt>Backlog (variants waiting)</dt>
        <dd>${o.backlog.pendingVariants}</dd>
      </div>
      <div class="card">
        <dt>Oldest pending</dt>
        <dd>${age(o.backlog.oldestPendingAgeSeconds)}</dd>
      </div>
    </dl>
    <div class="grid2">
      <section aria-labelledby="by-platform">
        <h3 id="by-platform">Stores by platform and status</h3>
        <table>
          <thead>
            <tr>
              <th scope="col">Platform</th>
              <th scope="col" class="num">Active</th>
              <th scope="col" class="num">Paused</th>
              <th scope="col" class="num">Needs reconnect</th>
              <th scope="col" class="num">Total</th>
            </tr>
          </thead>
          <tbody>
            ${o.stores.byPlatform.map(
              (p) =>
                html`<tr>
                  <th scope="row"><a href=${`#/stores?platform=${encodeURIComponent(p.platform)}`}>${p.platform}</a></th>
                  <td class="num">${p.active}</td>
                  <td class="num">${p.paused}</td>
                  <td class="num">
                    ${p.needsReconnect ? html`<a class="status-needs_reconnect" href=${`#/stores?platform=${encodeURIComponent(p.platform)}&status=needs_reconnect`}>${p.needsReconnect}</a>` : 0}
                  </td>
                  <td class="num">${p.total}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="throttles">
        <h3 id="throttles">Throttles and failures, last ${o.throttles.windowMinutes} min</h3>
        <p>
          ${o.throttles.runsThrottled} runs stopped by a platform's rate limit; ${o.backlog.variantsBackingOff} variants waiting out a
          backoff; ${o.backlog.failedVariants} variants failed.
        </p>
        ${
          o.throttles.byPlatform.length > 0 &&
          html`<table>
            <thead>
              <tr>
                <th scope="col">Platform</th>
                <th scope="col" class="num">Throttled runs</th>
              </tr>
            </thead>
            <tbody>
              ${o.throttles.byPlatform.map(
                (t) =>
                  html`<tr>
                    <th scope="row">${t.platform}</th>
                    <td class="num">${t.runs}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        }
        <h3>Runs, last ${o.runs.windowMinutes} min</h3>
        <p>
          ${`${o.runs.succeeded} succeeded · ${o.runs.partial} partial · `}
          <span class=${o.runs.failed ? 'status-failed' : ''}>${`${o.runs.failed} failed`}</span>
          ${` · ${o.runs.active} queued or running`}
        </p>
      </section>
    </div>
    <section aria-labelledby="latency">
      <h3 id="latency">Facility update → store, last ${o.latency.windowMinutes} min</h3>
      <p>
        ${[
          `${o.latency.writes} writes`,
          `median ${secs(o.latency.p50Seconds)}`,
          `p95 ${secs(o.latency.p95Seconds)}`,
          `max ${secs(o.latency.maxSeconds)}`,
        ].join(' · ')}
      </p>
      <${LatencyChart} buckets=${o.latency.buckets} />
    </section>
    <p class="muted">As of ${new Date(o.generatedAt).toLocaleTimeString()}.</p>
  `;
}
