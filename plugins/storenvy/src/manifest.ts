/** Storenvy platform facts as data (API v1); sources, and which are unverified, in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

/** The count written for "unlimited" (no untracked form is known): four digits, a conservative ceiling. */
export const EMULATED_UNLIMITED_QUANTITY = 9_999;

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);
