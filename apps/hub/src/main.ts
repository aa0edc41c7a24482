/** `node dist/main.js`: starts the hub and prints where it listens, its database and the API token. */
import 'reflect-metadata';
import { ConfigError } from './config/hub-config';
import { applyHeapGrowth } from './heap-growth';
import { startHub } from './start';

function failed(e: unknown): never {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(`the hub failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
}

try {
  // Before the hub allocates anything: the heap then follows its live set from the start (heap-growth.ts).
  applyHeapGrowth(process.env, process.execArgv);
} catch (e) {
  failed(e);
}
startHub(process.env).then((hub) => console.log(hub.banner), failed);
