/** `node dist/main.js`: starts the hub and prints where it listens, its database and the API token. */
import 'reflect-metadata';
import { ConfigError } from './config/hub-config';
import { startHub } from './start';

startHub(process.env).then(
  (hub) => console.log(hub.banner),
  (e) => {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    console.error(`the hub failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
