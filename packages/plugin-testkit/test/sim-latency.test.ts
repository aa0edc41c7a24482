// Injected platform latency: every platform request takes ms ± jitter, /__sim routes none.
import { checkLatency, drawLatency, splitLatency, startMultiTenantSimulator, startSimulator } from '../src';
import { TINY_TOKEN, tinyshopSimulator } from './fixtures/tinyshop/simulator';

const auth = { 'x-tiny-token': TINY_TOKEN };

describe('drawLatency', () => {
  it('draws uniformly from ms ± jitter', () => {
    expect(drawLatency({ ms: 150, jitterMs: 50, random: () => 0 })).toBe(100);
    expect(drawLatency({ ms: 150, jitterMs: 50, random: () => 0.5 })).toBe(150);
    expect(drawLatency({ ms: 150, jitterMs: 50, random: () => 0.9999 })).toBe(200);
  });
  it('is exactly ms without jitter, and never negative', () => {
    expect(drawLatency({ ms: 150, random: () => 0 })).toBe(150);
    expect(drawLatency({ ms: 10, jitterMs: 50, random: () => 0 })).toBe(0);
  });
});

describe('checkLatency', () => {
  it('names the field that is not a whole number of milliseconds >= 0', () => {
    expect(() => checkLatency({ ms: -1 })).toThrow(/latency\.ms must be a whole number/);
    expect(() => checkLatency({ ms: 1.5 })).toThrow(/latency\.ms/);
    expect(() => checkLatency({ ms: 10, jitterMs: -2 })).toThrow(/latency\.jitterMs/);
    expect(checkLatency({ ms: 0, jitterMs: 0 })).toEqual({ ms: 0, jitterMs: 0 });
  });
  it('is checked when a simulator starts', async () => {
    await expect(startSimulator(tinyshopSimulator, { latency: { ms: -5 } })).rejects.toThrow(/latency\.ms/);
    await expect(startMultiTenantSimulator(tinyshopSimulator, { latency: { ms: 5, jitterMs: 0.5 } })).rejects.toThrow(/latency\.jitterMs/);
  });
});

describe('splitLatency', () => {
  it('spends half before the request is handled and the rest after', () => {
    expect(splitLatency(151)).toEqual([75, 76]);
    expect(splitLatency(0)).toEqual([0, 0]);
  });
});

describe('a simulator with latency', () => {
  it('delays platform requests (the budget sees them half-way) and not /__sim routes', async () => {
    const sim = await startSimulator(tinyshopSimulator, { latency: { ms: 800 } });
    try {
      const t0 = Date.now();
      expect((await fetch(`${sim.baseUrl}/api/shop`, { headers: auth })).status).toBe(200);
      const took = Date.now() - t0;
      expect(took).toBeGreaterThanOrEqual(790);
      expect(sim.requests[0].at - t0).toBeGreaterThanOrEqual(390); // handled after the request's half of the trip
      const t1 = Date.now();
      await fetch(`${sim.baseUrl}/__sim/stock`);
      expect(Date.now() - t1).toBeLessThan(700);
    } finally {
      await sim.close();
    }
  });

  it('delays every tenant of a multi-tenant simulator, drawn per request', async () => {
    const draws = [0, 1 - 1e-9];
    const sim = await startMultiTenantSimulator(tinyshopSimulator, {
      latency: { ms: 500, jitterMs: 300, random: () => draws.shift() ?? 0.5 },
    });
    try {
      const [a] = sim.addTenants(1);
      const t0 = Date.now();
      await fetch(`${a.baseUrl}/api/shop`, { headers: auth }); // 200 ms
      const first = Date.now() - t0;
      const t1 = Date.now();
      await fetch(`${a.baseUrl}/api/shop`, { headers: auth }); // 800 ms
      const second = Date.now() - t1;
      expect(first).toBeGreaterThanOrEqual(195);
      expect(second).toBeGreaterThanOrEqual(795);
      expect(second - first).toBeGreaterThan(400);
    } finally {
      await sim.close();
    }
  });
});
