/**
 * The fixture of a plugin's notices test against its simulator: before each test a simulator and a notice
 * receiver (the hub's notice URL), after each test the outbox settled and both closed.
 */
import { startNoticeReceiver, type NoticeReceiver, type NoticeReceiverOptions, type ReceivedNotice } from './notice-receiver';

/** What the harness needs of a simulator: its notice outbox, and closing it. */
export interface NoticeSim {
  state: { outbox: { settle(): Promise<void> } };
  close(): Promise<void>;
}

export interface NoticeHarnessOptions<S extends NoticeSim> {
  start: () => Promise<S>;
  receiver: NoticeReceiverOptions;
  /** Runs once both are up: seeding, pointing the app's notice URL at `url`... */
  setup?: (sim: S, url: string) => void | Promise<void>;
}

/** The current test's simulator and receiver (read them inside a test, not at describe level). */
export interface NoticeHarness<S extends NoticeSim> {
  readonly sim: S;
  readonly receiver: NoticeReceiver;
  /** The receiver's URL. */
  readonly url: string;
  /** The receiver's deliveries so far. */
  readonly received: ReceivedNotice[];
  /** Waits for the simulator's outbox: every notice sent so far has been delivered. */
  settle(): Promise<void>;
}

/** Registers jest beforeEach/afterEach hooks (call it at describe level) and returns the per-test fixture. */
export function useNoticeHarness<S extends NoticeSim>(options: NoticeHarnessOptions<S>): NoticeHarness<S> {
  let current: { sim: S; receiver: NoticeReceiver } | undefined;
  const now = () => {
    if (current === undefined) throw new Error('useNoticeHarness: read inside a test');
    return current;
  };
  beforeEach(async () => {
    const [sim, receiver] = await Promise.all([options.start(), startNoticeReceiver(options.receiver)]);
    current = { sim, receiver };
    await options.setup?.(sim, receiver.url);
  });
  afterEach(async () => {
    const { sim, receiver } = now();
    current = undefined;
    await sim.state.outbox.settle();
    await Promise.all([sim.close(), receiver.close()]);
  });
  return {
    get sim() {
      return now().sim;
    },
    get receiver() {
      return now().receiver;
    },
    get url() {
      return now().receiver.url;
    },
    get received() {
      return now().receiver.deliveries;
    },
    settle: () => now().sim.state.outbox.settle(),
  };
}
