/** One raw request to the Storenvy simulator, the sandbox token in the query as every known client sends it. */
import { fetchParsed } from '@stock-sync/plugin-testkit/fixtures';
import type { RunningSimulator } from '@stock-sync/plugin-testkit/simulator';
import type { StorenvySimState } from '../../src/simulator';

/** `body`: JSON unless it is already a string (a form body, with its content type). */
export async function send(
  sim: RunningSimulator<StorenvySimState>,
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
) {
  const res = await fetchParsed(`${sim.baseUrl}${path}${path.includes('?') ? '&' : '?'}access_token=${sim.credentials.accessToken}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': contentType },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: res.body as any };
}
