import { exhaustedBudgetClassifier, exhaustedBudgetPauseMs, headerNumber, type HttpResponse } from '../src';

const res = (status: number, headers: Record<string, string>): HttpResponse => ({ status, headers, data: undefined });

describe('rate headers', () => {
  it('headerNumber reads finite numbers only', () => {
    expect(headerNumber({ 'x-a': '12' }, 'X-A')).toBe(12);
    expect(headerNumber({ 'x-a': ' ' }, 'x-a')).toBeUndefined();
    expect(headerNumber({ 'x-a': 'soon' }, 'x-a')).toBeUndefined();
    expect(headerNumber({ 'x-a': '-1' }, 'x-a')).toBe(-1);
    expect(headerNumber(undefined, 'x-a')).toBeUndefined();
  });

  it('pauses a fixed time when the remaining count reads 0, not before', () => {
    const signal = { remaining: 'x-ratelimit-remaining', pauseMs: 1000 };
    expect(exhaustedBudgetPauseMs(res(200, { 'x-ratelimit-remaining': '0' }), signal)).toBe(1000);
    expect(exhaustedBudgetPauseMs(res(200, { 'x-ratelimit-remaining': '1' }), signal)).toBeUndefined();
    expect(exhaustedBudgetPauseMs(res(200, { 'x-ratelimit-remaining': '-2' }), signal)).toBe(1000);
    expect(exhaustedBudgetPauseMs(res(200, {}), signal)).toBeUndefined();
  });

  it('ignores error answers unless told otherwise', () => {
    const headers = { 'x-rate-limit-remaining': '0' };
    expect(exhaustedBudgetPauseMs(res(422, headers), { remaining: 'x-rate-limit-remaining', pauseMs: 500 })).toBeUndefined();
    expect(exhaustedBudgetPauseMs(res(422, headers), { remaining: 'x-rate-limit-remaining', pauseMs: 500, onErrors: true })).toBe(500);
  });

  it('reads the wait from the response (a reset header) when given a function', () => {
    const signal = { remaining: 'x-rate-limit-remaining', pauseMs: (r: HttpResponse) => headerNumber(r.headers, 'x-rate-limit-reset') };
    expect(exhaustedBudgetPauseMs(res(200, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '750' }), signal)).toBe(750);
    expect(exhaustedBudgetPauseMs(res(200, { 'x-rate-limit-remaining': '0' }), signal)).toBeUndefined();
  });

  it('as a classifier reports only the pause', () => {
    const classify = exhaustedBudgetClassifier({ remaining: 'x-ratelimit-remaining', pauseMs: 1000 });
    expect(classify(res(200, { 'x-ratelimit-remaining': '0' }))).toEqual({ pauseMs: 1000 });
    expect(classify(res(200, { 'x-ratelimit-remaining': '3' }))).toBeUndefined();
  });
});
