/** Weebly platform facts as data (Platform API v1, store catalog). Every number has its source in README.md. */
import { manifestFromJson } from '@stock-sync/plugin-sdk';
import facts from './manifest.json';

export const DEFAULT_BASE_URL = 'https://api.weebly.com';
export const API_PREFIX = '/v1';

/** "Accept application/vnd.weebly.v1+json": the version is requested through the Accept header. */
export const ACCEPT = 'application/vnd.weebly.v1+json';

/** List pages: "Default 25, Max 200". */
export const MAX_PAGE_SIZE = 200;

/** The manifest and credential fields the host reads: the platform's facts as data (manifest.json). */
export const { manifest, credentialFields } = manifestFromJson(facts);
