import * as path from 'node:path';

/**
 * The monorepo root: this file runs from tooling/sandbox/{src,dist}, three levels below it. Fixed by
 * layout, not by searching upwards, so the sandbox never wanders into an unrelated parent project.
 */
export const WORKSPACE_ROOT: string = path.resolve(__dirname, '..', '..', '..');

export const DEFAULT_PLUGINS_DIR: string = path.join(WORKSPACE_ROOT, 'plugins');
