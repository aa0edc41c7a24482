/**
 * Reads /metrics with a real Prometheus text-format parser (parse-prometheus-text-format, which also
 * rejects malformed exposition text) and sums series by name and labels.
 */
// The package ships no types: its output, as documented in its README.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parsePrometheus = require('parse-prometheus-text-format') as (text: string) => MetricFamily[];

export interface MetricFamily {
  name: string;
  help: string;
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: { labels?: Record<string, string>; value?: string; count?: string; sum?: string; buckets?: Record<string, string> }[];
}

export class Scrape {
  readonly families: Map<string, MetricFamily>;

  constructor(readonly text: string) {
    this.families = new Map(parsePrometheus(text).map((f) => [f.name, f]));
  }

  family(name: string): MetricFamily {
    const f = this.families.get(name);
    if (!f) throw new Error(`no metric family ${name} in the scrape`);
    return f;
  }

  /** The sum of a counter's or gauge's series whose labels include `labels` (0 when none yet). */
  value(name: string, labels: Record<string, string> = {}): number {
    return this.series(name, labels).reduce((sum, m) => sum + Number(m.value), 0);
  }

  /**
   * A histogram's observation count. The parser flattens a labelled histogram into one series without its
   * labels (its buckets merged, no count): with one label set — the tests' single platform — the +Inf
   * bucket is the count.
   */
  histogramCount(name: string): number {
    const series = this.family(name).metrics;
    if (series.length !== 1) throw new Error(`${name}: expected one flattened histogram series, got ${series.length}`);
    return Number(series[0]!.count ?? series[0]!.buckets?.['+Inf'] ?? 0);
  }

  /** A histogram's `_sum` for one label set, read from the text (the parser's flattened series has none per label set). */
  histogramSum(name: string, labels: Record<string, string>): number {
    const labelText = Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    const line = this.text.split('\n').find((l) => l.startsWith(`${name}_sum{${labelText}} `));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  }

  /** Every label value of every series (to check none holds an id or a secret). */
  labelValues(): string[] {
    return [...this.families.values()].flatMap((f) => f.metrics.flatMap((m) => Object.values(m.labels ?? {})));
  }

  private series(name: string, labels: Record<string, string>) {
    return this.family(name).metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  }
}
