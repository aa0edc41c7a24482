/**
 * The synced variant's lifecycle as data (VARIANT_TRANSITIONS) and the SQL that implements each transition:
 * every fragment must do what its row of the table says.
 */
import {
  deferSet,
  MARK_PENDING_SET,
  newerStockIn,
  recordedOutcomeSet,
  UNSYNC_SET,
  VARIANT_TRANSITIONS,
} from '../../src/sync-variants/variant-lifecycle';

const flat = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('VARIANT_TRANSITIONS', () => {
  it('is the lifecycle: marking bumps the version and resets retries; a run raises seen_seq on every outcome it records', () => {
    expect(VARIANT_TRANSITIONS).toEqual({
      mark: { pending: 'set', version: 'bump', retry: 'reset', seen: 'keep' },
      settle: { pending: 'clear_if_unchanged', version: 'keep', retry: 'reset', seen: 'raise' },
      retry: { pending: 'set', version: 'keep', retry: 'count', seen: 'raise' },
      auth: { pending: 'set', version: 'keep', retry: 'keep', seen: 'raise' },
      defer: { pending: 'set', version: 'keep', retry: 'push', seen: 'raise' },
      unsync: { pending: 'clear', version: 'keep', retry: 'reset', seen: 'keep' },
    });
  });
});

describe('the SQL of each transition', () => {
  it('mark: pending, version + 1, state pending, first pending_since kept, retries reset, seen_seq untouched', () => {
    const sql = flat(MARK_PENDING_SET);
    expect(sql).toContain('pending = true');
    expect(sql).toContain('pending_version = sv.pending_version + 1');
    expect(sql).toContain("state = 'pending'");
    expect(sql).toContain('pending_since = COALESCE(sv.pending_since, now())');
    expect(sql).toContain('attempts = 0');
    expect(sql).toContain('next_attempt_at = NULL');
    expect(sql).not.toContain('seen_seq');
  });

  it('settle / retry / auth: compare-and-clear on pending_version; not settling sets pending; retry counts and backs off; seen_seq raised', () => {
    const sql = flat(recordedOutcomeSet('$10::bigint'));
    expect(sql).toContain(
      'pending = CASE WHEN o.settles AND sv.pending_version = o.version THEN false WHEN NOT o.settles THEN true ELSE sv.pending END',
    );
    expect(sql).toContain(
      'pending_since = CASE WHEN o.settles AND sv.pending_version = o.version THEN NULL WHEN NOT o.settles THEN COALESCE(sv.pending_since, now()) ELSE sv.pending_since END',
    );
    expect(sql).toContain('state = CASE WHEN sv.pending_version = o.version THEN o.state ELSE sv.state END');
    expect(sql).toContain(
      "attempts = CASE WHEN o.result = 'retry' THEN sv.attempts + 1 WHEN o.settles AND sv.pending_version = o.version THEN 0 ELSE sv.attempts END",
    );
    expect(sql).toContain(
      "next_attempt_at = CASE WHEN o.result = 'retry' THEN now() + o.retry_delay_ms * interval '1 millisecond' WHEN o.settles AND sv.pending_version = o.version THEN NULL ELSE sv.next_attempt_at END",
    );
    expect(sql).toContain('seen_seq = GREATEST(sv.seen_seq, $10::bigint)');
    expect(sql).not.toContain('pending_version = sv.pending_version');
  });

  it('defer: pending without counting an attempt, the retry time only pushed later, seen_seq raised', () => {
    const sql = flat(deferSet('$3', '$5::bigint'));
    expect(sql).toContain('pending = true');
    expect(sql).toContain("state = 'pending'");
    expect(sql).toContain("next_attempt_at = GREATEST(COALESCE(sv.next_attempt_at, now()), now() + $3 * interval '1 millisecond')");
    expect(sql).toContain('seen_seq = GREATEST(sv.seen_seq, $5::bigint)');
    expect(sql).not.toContain('attempts');
    expect(sql).not.toContain('pending_version');
  });

  it('unsync: not pending, in_sync, retries reset', () => {
    expect(flat(UNSYNC_SET)).toBe(
      "pending = false, pending_since = NULL, state = 'in_sync', attempts = 0, next_attempt_at = NULL, updated_at = now()",
    );
  });

  it("due by version compares the facility rows of the region with the variant's seen_seq", () => {
    expect(flat(newerStockIn('$2::text[]'))).toBe(
      'EXISTS (SELECT 1 FROM facility_stock fs WHERE fs.variant_id = sv.catalog_variant_id AND fs.facility_code = ANY($2::text[]) AND fs.change_seq > sv.seen_seq)',
    );
  });
});
