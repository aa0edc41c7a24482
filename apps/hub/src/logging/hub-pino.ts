/**
 * The hub's one pino logger (https://getpino.io): JSON lines on stdout, or pino-pretty's readable lines
 * with HUB_LOG_PRETTY=true. Nest's Logger writes through it (nestjs-pino), and so does every HTTP request
 * (pino-http, request-logging.ts).
 *
 * - Level: HUB_LOG_LEVEL in Nest's names (log = info, verbose = trace).
 * - Redaction by pino's own paths, on top of the SDK's redaction of a plugin's secret values: the
 *   Authorization and cookie headers and every field named like a credential are replaced before the
 *   line is written.
 * - The store and run of the sync run in progress are added to every line (log-context.ts).
 * - A message that is one JSON object (the hub's `{"event":…}` lines) is logged as fields, so the event
 *   is queryable: `{"level":30,…,"event":"sync_run","runId":…,"msg":"sync_run"}`.
 */
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import type { HubConfig, LogLevel } from '../config/hub-config';
import { currentLogContext } from './log-context';

const PINO_LEVEL: Record<LogLevel, Level> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/** Field names that hold secrets wherever they appear (one and two levels deep, and in request headers). */
const SECRET_FIELDS = [
  'credentials',
  'password',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'authorization',
];
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
];
export const REDACTED = '[redacted]';

export function createHubPino(config: Pick<HubConfig, 'logLevel' | 'logPretty'>, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: PINO_LEVEL[config.logLevel],
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    mixin: () => ({ ...currentLogContext() }),
    hooks: { logMethod: eventsAsFields },
  };
  if (destination) return pino(options, destination);
  if (config.logPretty) {
    // Loaded only when asked for: production never needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (o: object) => DestinationStream;
    return pino(options, pretty({ colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
  }
  return pino(options);
}

/** pino's logMethod hook: `(obj, '{"event":"x",…}')` is written as `({ ...obj, event: 'x', … }, 'x')`. */
function eventsAsFields(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn): void {
  const [first, message] = args as unknown[];
  if (typeof message === 'string' && message.startsWith('{"event":') && args.length === 2) {
    try {
      const fields = JSON.parse(message) as Record<string, unknown>;
      return method.apply(this, [{ ...(first as object), ...fields }, String(fields.event)]);
    } catch {
      // not one JSON object after all: written as it came
    }
  }
  return method.apply(this, args);
}
