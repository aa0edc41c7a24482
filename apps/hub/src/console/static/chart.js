// Latency over the last hour as an inline SVG (no chart library needed for 12 bars): one bar per
// bucket for the median, a red tick at the slowest write of the bucket.
import { html } from '/console/vendor/preact-htm.js';

export function LatencyChart({ buckets }) {
  const W = 720;
  const H = 180;
  const pad = { l: 40, r: 8, t: 10, b: 22 };
  const top = Math.max(1, ...buckets.map((b) => b.maxSeconds ?? 0));
  const bw = (W - pad.l - pad.r) / Math.max(1, buckets.length);
  const y = (v) => pad.t + (H - pad.t - pad.b) * (1 - v / top);
  const summary = buckets
    .filter((b) => b.writes > 0)
    .map(
      (b) =>
        `${new Date(b.start).toLocaleTimeString()}: ${b.writes} writes, median ${b.p50Seconds.toFixed(1)} s, max ${b.maxSeconds.toFixed(1)} s`,
    )
    .join('; ');
  return html`
    <svg
      class="chart"
      viewBox="0 0 ${W} ${H}"
      role="img"
      aria-label=${`Facility update to store latency per 5 minutes. ${summary || 'No writes.'}`}
    >
      <text x="2" y=${pad.t + 8}>${top.toFixed(1)} s</text>
      <text x="2" y=${H - pad.b}>0 s</text>
      ${buckets.map(
        (b, i) => html`
          ${
            b.p50Seconds !== null &&
            html`<rect class="bar" x=${pad.l + bw * i + 2} y=${y(b.p50Seconds)} width=${bw - 4} height=${H - pad.b - y(b.p50Seconds)}>
              <title>${b.writes} writes, median ${b.p50Seconds.toFixed(1)} s</title>
            </rect>`
          }
          ${
            b.maxSeconds !== null &&
            html`<line class="max" x1=${pad.l + bw * i + 2} x2=${pad.l + bw * (i + 1) - 2} y1=${y(b.maxSeconds)} y2=${y(b.maxSeconds)}>
              <title>slowest ${b.maxSeconds.toFixed(1)} s</title>
            </line>`
          }
          ${i % 2 === 0 && html`<text x=${pad.l + bw * i} y=${H - 6}>${new Date(b.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</text>`}
        `,
      )}
    </svg>
  `;
}
