/**
 * The plugin connected, as the hub connects it, to this test's replay of documented answers: the plugin's own
 * requests and parsing through the real SDK client, no simulator, one attempt per request (an answer the
 * plugin retries would be a missing answer, not a hidden retry).
 */
import type { IntegrationPlugin, StoreConnection } from '@stock-sync/plugin-sdk';
import { connectAsHub } from '../contract/hub-connection';
import type { EvidenceResponse } from './evidence-file';
import { useReplay, type ReplayPerTest } from './replay-per-test';

export interface ReplayConnections extends ReplayPerTest {
  /**
   * Starts this test's replay with `answers` and connects `plugin` (default the one given to
   * useReplayConnection) with the credentials, `baseUrl` the replay's.
   */
  connectTo(answers: EvidenceResponse[], plugin?: IntegrationPlugin): Promise<StoreConnection>;
}

/** useReplay (a replay per test, closed after it; call at describe level) with `connectTo`. */
export function useReplayConnection(plugin: IntegrationPlugin, credentials: Record<string, string>): ReplayConnections {
  const replay = useReplay();
  return {
    start: (answers) => replay.start(answers),
    get requests() {
      return replay.requests;
    },
    get baseUrl() {
      return replay.baseUrl;
    },
    async connectTo(answers, p = plugin) {
      await replay.start(answers);
      return connectAsHub(p, { ...credentials, baseUrl: replay.baseUrl }, { maxAttempts: 1 }).connection;
    },
  };
}
