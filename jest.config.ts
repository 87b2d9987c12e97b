import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// Unit tier: every project's jest.config.cts, run in one Jest process.
export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
});
