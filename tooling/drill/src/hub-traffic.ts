/**
 * Every request the drill sends to a hub goes through here, so the figures are complete: requests, answers by
 * status, connections that broke (a killed hub), and each 5xx or unexpected 4xx with its body.
 */
export type HubAnswer<T = unknown> = { kind: 'answer'; status: number; body: T } | { kind: 'no_answer'; error: string };

export interface BadAnswer {
  hub: string;
  method: string;
  path: string;
  status: number;
  body: string;
  at: string;
}

export interface HubEndpoint {
  label: string;
  url: string;
}

const KEEP = 50;

export class HubTraffic {
  requests = 0;
  noAnswer = 0;
  readonly byStatus = new Map<number, number>();
  readonly serverErrors: BadAnswer[] = [];
  serverErrorCount = 0;
  readonly unexpected4xx: BadAnswer[] = [];
  unexpected4xxCount = 0;

  constructor(private readonly token: string) {}

  /**
   * One request. `expected` lists the 4xx statuses that are a normal answer here (anything else ≥ 400 is
   * recorded). Never throws for an HTTP status or a broken connection: the caller decides.
   */
  async call<T>(
    hub: HubEndpoint,
    method: string,
    path: string,
    body?: unknown,
    opts: { timeoutMs?: number; expected4xx?: number[] } = {},
  ): Promise<HubAnswer<T>> {
    this.requests++;
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${hub.url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
      text = await res.text();
    } catch (e) {
      this.noAnswer++;
      const err = e as Error & { cause?: { code?: string } };
      return { kind: 'no_answer', error: err.cause?.code ?? err.name ?? err.message };
    }
    this.byStatus.set(res.status, (this.byStatus.get(res.status) ?? 0) + 1);
    const bad = (): BadAnswer => ({
      hub: hub.label,
      method,
      path,
      status: res.status,
      body: text.slice(0, 300),
      at: new Date().toISOString(),
    });
    if (res.status >= 500) {
      this.serverErrorCount++;
      if (this.serverErrors.length < KEEP) this.serverErrors.push(bad());
    } else if (res.status >= 400 && !(opts.expected4xx ?? []).includes(res.status)) {
      this.unexpected4xxCount++;
      if (this.unexpected4xx.length < KEEP) this.unexpected4xx.push(bad());
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { kind: 'answer', status: res.status, body: parsed as T };
  }
}

/** The body of a 2xx answer, or an error naming the request (for set-up and verification, where anything else is fatal). */
export function okBody<T>(a: HubAnswer<T>, what: string): T {
  if (a.kind === 'no_answer') throw new Error(`${what}: no answer (${a.error})`);
  if (a.status < 200 || a.status >= 300) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
  return a.body;
}
