/**
 * The store-lease heartbeat: ONE statement per process renews every lease it holds (a statement per lease
 * was a seventh of the hub's statements with hundreds of runs in flight). On real PGlite and PostgreSQL,
 * with real timers for the periodic beat.
 */
import { describeHub } from '../support/hub-harness';
import { createStore } from '../support/scenario';
import { StoreLeases, type StoreLease } from '../../src/sync/store-lease';

describeHub('store lease heartbeat', (hub) => {
  const owners = async (ids: string[]) =>
    Object.fromEntries(
      (
        await hub().sql<{ id: string; owner: string | null; left_ms: number | string | null }>(
          `SELECT id::text AS id, sync_lease_owner AS owner,
                  (extract(epoch FROM sync_lease_until - now()) * 1000)::int AS left_ms
           FROM stores WHERE id = ANY($1::uuid[])`,
          [ids],
        )
      ).map((r) => [r.id, { owner: r.owner, leftMs: r.left_ms === null ? null : Number(r.left_ms) }]),
    );

  it('renews every held lease in one statement; a lease taken by another owner is lost, the others are not', async () => {
    const stores: string[] = [];
    for (let i = 0; i < 4; i++) stores.push(await createStore(hub(), { sellingRegion: 'north_america', name: `beat ${i}` }));
    const leases = new StoreLeases(hub().db, 'proc-beat', 600);
    const held: StoreLease[] = [];
    for (const s of stores) held.push((await leases.acquire(s))!);
    expect(leases.heldCount).toBe(4);
    // Shorten every lease in the database, then let one be taken over (expired, then acquired by someone else).
    await hub().sql(`UPDATE stores SET sync_lease_until = now() + interval '5 seconds' WHERE id = ANY($1::uuid[])`, [stores]);
    await hub().sql(`UPDATE stores SET sync_lease_owner = 'someone else' WHERE id = $1`, [stores[1]]);

    const before = hub().statements();
    await leases.renewAll();
    expect(hub().statements() - before).toBe(1);

    expect(held.map((l) => l.lost)).toEqual([false, true, false, false]);
    expect(() => held[1]!.assertHeld()).toThrow(/lease of store .* was lost/);
    const rows = await owners(stores);
    for (const i of [0, 2, 3]) {
      expect(rows[stores[i]!]!.owner).toBe(held[i]!.token);
      expect(rows[stores[i]!]!.leftMs).toBeGreaterThan(500_000); // renewed to the TTL (600 s), not left at 5 s
    }
    expect(rows[stores[1]!]).toMatchObject({ owner: 'someone else' });
    expect(rows[stores[1]!]!.leftMs).toBeLessThan(6_000); // another owner's lease is not extended

    // A released lease leaves the batch: not renewed, never reported lost.
    await held[0]!.release();
    expect(leases.heldCount).toBe(3);
    await leases.renewAll();
    expect(held[0]!.lost).toBe(false);
    expect((await owners([stores[0]!]))[stores[0]!]!.owner).toBeNull();
    for (const l of held.slice(1)) await l.release();
    expect(leases.heldCount).toBe(0);
    const idle = hub().statements();
    await leases.renewAll();
    expect(hub().statements() - idle).toBe(0); // nothing held: no statement
  });

  it('skips a row another transaction holds locked, without waiting and without losing its lease', async () => {
    // PGlite is one session: a second transaction cannot hold a lock while the heartbeat runs.
    if (hub().kind !== 'postgres') return;
    const stores: string[] = [];
    for (let i = 0; i < 3; i++) stores.push(await createStore(hub(), { sellingRegion: 'north_america', name: `busy ${i}` }));
    const leases = new StoreLeases(hub().db, 'proc-busy', 600);
    const held: StoreLease[] = [];
    for (const s of stores) held.push((await leases.acquire(s))!);
    await hub().sql(`UPDATE stores SET sync_lease_until = now() + interval '5 seconds' WHERE id = ANY($1::uuid[])`, [stores]);
    let unlock!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = hub().db.transaction(async (m) => {
      await m.query(`SELECT id FROM stores WHERE id = $1 FOR UPDATE`, [stores[1]]);
      locked();
      await new Promise<void>((r) => (unlock = r));
    });
    await isLocked;
    try {
      const t0 = Date.now();
      await leases.renewAll();
      expect(Date.now() - t0).toBeLessThan(4_000); // did not wait for the lock (held until unlock)
    } finally {
      unlock();
      await holder;
    }
    expect(held.map((l) => l.lost)).toEqual([false, false, false]);
    const rows = await owners(stores);
    expect(rows[stores[0]!]!.leftMs).toBeGreaterThan(500_000);
    expect(rows[stores[2]!]!.leftMs).toBeGreaterThan(500_000);
    expect(rows[stores[1]!]!.leftMs).toBeLessThan(6_000); // skipped this beat, renewed at the next
    await leases.renewAll();
    expect((await owners([stores[1]!]))[stores[1]!]!.leftMs).toBeGreaterThan(500_000);
    for (const l of held) await l.release();
  });

  it('beats on its own every third of the TTL, so a live lease never expires', async () => {
    const store = await createStore(hub(), { sellingRegion: 'north_america', name: 'beat timer' });
    const leases = new StoreLeases(hub().db, 'proc-timer', 2);
    const lease = (await leases.acquire(store))!;
    try {
      // Twice the TTL: without renewals it would have expired and another worker could take it.
      await new Promise((r) => setTimeout(r, 4_000));
      expect(lease.lost).toBe(false);
      expect(await new StoreLeases(hub().db, 'proc-other', 2).acquire(store)).toBeNull();
      expect((await owners([store]))[store]!.owner).toBe(lease.token);
    } finally {
      await lease.release();
    }
    expect((await owners([store]))[store]!.owner).toBeNull();
  }, 20_000);
});
