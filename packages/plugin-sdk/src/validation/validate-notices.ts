/**
 * Load-time check of a plugin's optional `notices` part (plugin API 1.3, inbound platform notices): `topics` a
 * non-empty list of non-empty strings, `verify` and `refs` functions, `isPing`, `subscribe` and `unsubscribe`
 * functions when present; since 1.4 `signedWith` one of the signers, 'subscription' only with `subscribe` (the
 * platform's key comes from it), and `storeOf` a function when present. Since plugin API 1.5 `storeOf` goes with
 * any signer: the platform's one URL it opens is always verified with the app's key, whatever `signedWith` names
 * for the store URLs. 1.4 refused it without 'app'; a refusal is nothing a plugin can rely on, so plugins built for
 * 1.4 get the same verdict. A plugin that fails is refused with the path, never half-loaded.
 */
import { isJsonObject } from '../authoring/json-object';

const SIGNERS: readonly unknown[] = ['store', 'app', 'subscription'];

export function validateNoticesPart(raw: unknown): string[] {
  if (!isJsonObject(raw)) return ['notices must be an object when present'];
  const errors: string[] = [];
  const topics = raw.topics;
  if (!Array.isArray(topics) || topics.length === 0 || !topics.every((t) => typeof t === 'string' && t.trim() !== '')) {
    errors.push('notices.topics must be a non-empty array of topic names');
  }
  for (const name of ['verify', 'refs']) {
    if (typeof raw[name] !== 'function') errors.push(`notices.${name} must be a function`);
  }
  for (const name of ['isPing', 'subscribe', 'unsubscribe', 'storeOf', 'noticeId', 'parse']) {
    if (raw[name] !== undefined && typeof raw[name] !== 'function') errors.push(`notices.${name} must be a function when present`);
  }
  if (raw.repeatsBodies !== undefined && typeof raw.repeatsBodies !== 'boolean')
    errors.push('notices.repeatsBodies must be a boolean when present');
  const signer = raw.signedWith ?? 'store';
  if (!SIGNERS.includes(signer)) errors.push(`notices.signedWith must be one of ${SIGNERS.join(', ')} when present`);
  if (signer === 'subscription' && raw.subscribe === undefined) errors.push("notices.signedWith 'subscription' needs subscribe");
  return errors;
}
