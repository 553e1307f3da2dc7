import type { TestProject } from 'vitest/node';
import { startThrowawayCluster } from '../infra/src/postgres/throwaway-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a real Postgres server for this test run (tests create their own databases in it). */
    postgresUrl: string;
  }
}

/**
 * Starts a throwaway PostgreSQL cluster for the whole run, unless
 * TEST_DATABASE_URL names a server to use instead.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return () => {};
  }
  const cluster = await startThrowawayCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
