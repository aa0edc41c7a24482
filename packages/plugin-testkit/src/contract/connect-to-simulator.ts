/**
 * connectToSimulator: the plumbing every plugin's own tests share — a simulator (started and seeded here,
 * or one already running) and the plugin connected to it as the hub does (connectAsHub), with a backoff
 * short enough for tests. What a plugin's tests need beyond that (a different budget, credentials the hub
 * would refuse) is said explicitly in the options, so it shows at the call site.
 */
import type { IntegrationPlugin } from '@stock-sync/plugin-sdk';
import { startSimulator } from '../simulator/start-simulator';
import type { PlatformSimulatorDefinition, RunningSimulator, SeedProduct } from '../simulator/types';
import { connectAsHub, type HubClientOptions, type HubConnection, type HubConnectionOverrides } from './hub-connection';

/** Retries in milliseconds, not seconds: tests wait for the plugin, not for the hub's patience. */
export const FAST_BACKOFF: HubClientOptions = Object.freeze({ baseDelayMs: 20, maxDelayMs: 200 });

export interface ConnectToSimulatorOptions<TState> extends HubConnectionOverrides {
  plugin: IntegrationPlugin;
  /** A definition (a fresh simulator is started, and closed by `close()`) or a running simulator (left open). */
  simulator: PlatformSimulatorDefinition<TState> | RunningSimulator<TState>;
  /** Seeded before connecting. */
  seed?: SeedProduct[];
  /** Changes to the simulator's credentials: a string replaces a field, undefined removes it. */
  credentials?: Record<string, string | undefined>;
  /** HTTP client options on top of FAST_BACKOFF (the budget is the manifest's unless `rateLimit` is given). */
  httpOptions?: HubClientOptions;
}

export interface SimulatorConnection<TState> extends HubConnection {
  sim: RunningSimulator<TState>;
  /** Closes the simulator if this call started it; a no-op for a simulator passed in running. */
  close(): Promise<void>;
}

function isRunning<TState>(s: PlatformSimulatorDefinition<TState> | RunningSimulator<TState>): s is RunningSimulator<TState> {
  return typeof (s as RunningSimulator<TState>).baseUrl === 'string';
}

function connectTo<TState>(
  sim: RunningSimulator<TState>,
  opts: ConnectToSimulatorOptions<TState>,
  owned: boolean,
): SimulatorConnection<TState> {
  if (opts.seed) sim.seed(opts.seed);
  const credentials: Record<string, string> = { ...sim.credentials };
  for (const [name, value] of Object.entries(opts.credentials ?? {})) {
    if (value === undefined) delete credentials[name];
    else credentials[name] = value;
  }
  const hub = connectAsHub(
    opts.plugin,
    credentials,
    { ...FAST_BACKOFF, ...opts.httpOptions },
    { rateLimit: opts.rateLimit, validate: opts.validate },
  );
  return { ...hub, sim, close: owned ? () => sim.close() : async () => {} };
}

/** Given a running simulator: connects at once (tests make several connections to one store). */
export function connectToSimulator<TState>(
  opts: ConnectToSimulatorOptions<TState> & { simulator: RunningSimulator<TState> },
): SimulatorConnection<TState>;
/** Given a definition: starts a fresh simulator on an ephemeral loopback port, seeds it, connects. */
export function connectToSimulator<TState>(
  opts: ConnectToSimulatorOptions<TState> & { simulator: PlatformSimulatorDefinition<TState> },
): Promise<SimulatorConnection<TState>>;
export function connectToSimulator<TState>(
  opts: ConnectToSimulatorOptions<TState>,
): SimulatorConnection<TState> | Promise<SimulatorConnection<TState>> {
  const given = opts.simulator;
  if (isRunning(given)) return connectTo(given, opts, false);
  return startSimulator(given).then((sim) => {
    try {
      return connectTo(sim, opts, true);
    } catch (e) {
      // Do not leak a listening server when the credentials or the seed are refused.
      return sim.close().then(() => Promise.reject(e));
    }
  });
}
