import { resolve } from 'node:path';

/** The repository root (this file is libs/testing/src/workspace-root.ts). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');
