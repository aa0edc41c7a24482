/**
 * Checks an Authorization header against the configured bearer tokens, in constant time: both sides are
 * hashed to a fixed length first and every configured token is compared (no early exit), so timing
 * reveals neither length nor which token matched.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export class TokenVerifier {
  private readonly tokenDigests: Buffer[];

  constructor(apiTokens: readonly string[]) {
    this.tokenDigests = apiTokens.map(digest);
  }

  /** True when the header is `Bearer <one of the configured tokens>`. */
  accepts(authorization: string | string[] | undefined): boolean {
    if (typeof authorization !== 'string') return false;
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (!presented) return false;
    const candidate = digest(presented);
    let ok = false;
    for (const known of this.tokenDigests) ok = timingSafeEqual(candidate, known) || ok;
    return ok;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
