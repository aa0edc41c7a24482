import { postTokenRequest, type HttpClient, type HttpRequest } from '../src';

/** A client that records what it is asked to send and answers a token. */
function recordingClient(sent: HttpRequest[]): HttpClient {
  const client: HttpClient = {
    stats: { requests: 0, retries: 0, throttled: 0 },
    request: async (req) => {
      sent.push(req);
      return { status: 200, headers: {}, data: { access_token: 'tok' } } as never;
    },
    extend: () => client,
  };
  return client;
}

describe('postTokenRequest resendable', () => {
  const call = {
    url: 'https://acme.test/token',
    params: { grant_type: 'refresh_token' },
    app: { clientId: 'id', clientSecret: 's' },
    what: 'the refresh',
    secrets: [],
  };

  it('is sent once (not idempotent) unless the grant survives its use', async () => {
    const sent: HttpRequest[] = [];
    expect(await postTokenRequest({ ...call, http: recordingClient(sent) })).toEqual({ access_token: 'tok' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toHaveProperty('idempotent');
  });

  it('marks a resendable grant idempotent, so the client may resend it', async () => {
    const sent: HttpRequest[] = [];
    await postTokenRequest({ ...call, http: recordingClient(sent), resendable: true });
    expect(sent[0]).toMatchObject({ method: 'POST', url: 'https://acme.test/token', idempotent: true });
  });
});
