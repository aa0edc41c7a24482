/**
 * The comment that begins every statement the hub sends on a timer whatever its work is — the scheduler tick's
 * lease sweep, idle-store catch-up and due-work query, the outgoing webhooks' lane poll: what counts the hub's work
 * (the bench's statement counts, its wait for a drained hub) leaves them out by it, and pg_stat_statements shows
 * them apart. The text is a contract with tooling/bench (hub-child.ts).
 */
export const PERIODIC_SQL = '/* hub:periodic */';
