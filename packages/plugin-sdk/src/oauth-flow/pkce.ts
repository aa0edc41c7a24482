/**
 * RFC 7636 PKCE with the S256 method: code_verifier = 32 random bytes, BASE64URL-encoded (43 characters of
 * the unreserved set, §4.1); code_challenge = BASE64URL(SHA-256(ASCII(code_verifier))) (§4.2).
 */
import { createHash, randomBytes } from 'node:crypto';

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/** The S256 challenge of a verifier. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A fresh verifier and its challenge; `random` is a test seam (32 bytes wanted). */
export function pkcePair(random: (size: number) => Buffer = randomBytes): PkcePair {
  const bytes = random(32);
  if (bytes.length !== 32) throw new Error('pkcePair needs 32 random bytes');
  const verifier = bytes.toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}
