import type { ArgumentsHost } from '@nestjs/common';
import { ApiExceptionFilter } from '../../src/http/api-exception.filter';

/** What the filter answers for an error thrown out of a route (no HTTP server needed). */
function answer(exception: unknown): { status: number; body: unknown; headers: Record<string, string> } {
  const out = { status: 0, body: undefined as unknown, headers: {} as Record<string, string> };
  const res = {
    status(code: number) {
      out.status = code;
      return res;
    },
    json(body: unknown) {
      out.body = body;
      return res;
    },
    setHeader(name: string, value: string) {
      out.headers[name] = value;
      return res;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  new ApiExceptionFilter().catch(exception, host);
  return out;
}

describe('a transaction that still loses the race after every retry', () => {
  it.each(['40P01', '40001'])('(%s, as TypeORM wraps it) is a 503 asking to send again, never a 500', (code) => {
    const typeormError = Object.assign(new Error('deadlock detected'), { driverError: { code } });
    expect(answer(typeormError)).toEqual({
      status: 503,
      body: { error: 'busy', message: expect.stringMatching(/nothing was written/) },
      headers: { 'Retry-After': '1' },
    });
  });

  it('other database errors stay internal (500, generic message)', () => {
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(answer(unique)).toMatchObject({ status: 500, body: { error: 'internal_error', message: 'internal error' } });
  });
});
