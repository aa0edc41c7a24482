// The shared options live in tooling/eslint-config/prettier.json, next to the ESLint config.
import { createRequire } from 'node:module';

export default createRequire(import.meta.url)('@stock-sync/eslint-config/prettier');
