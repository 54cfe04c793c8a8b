// A fresh local Supabase per call for tests: PGlite in a temporary directory, or a new database
// on PostgreSQL 15 when TEST_DB=postgres (TEST_PG_URL names the server).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropPostgresDatabase, preparePostgresDatabase } from './boot';
import { startLocalSupabase, type RunningSupabase } from './index';

export interface TestSupabase extends RunningSupabase {
	/** The PostgreSQL URL of this test's database (TEST_DB=postgres only). */
	dbUrl?: string;
	/** The PGlite data directory (PGlite only). */
	dataDir?: string;
}

export const DEFAULT_TEST_PG_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export function testDatabaseUrl(): string {
	const u = new URL(process.env.TEST_PG_URL ?? DEFAULT_TEST_PG_URL);
	u.pathname = `/test_local_${process.pid}_${randomBytes(4).toString('hex')}`;
	return u.toString();
}

/** Where a test server keeps its data, and how to throw it away after. */
async function scratchStore(): Promise<{
	where: { dbUrl: string } | { dataDir: string };
	remove(): Promise<void>;
}> {
	if (process.env.TEST_DB === 'postgres') {
		const dbUrl = testDatabaseUrl();
		await preparePostgresDatabase(dbUrl, true);
		return { where: { dbUrl }, remove: () => dropPostgresDatabase(dbUrl) };
	}
	const dataDir = await mkdtemp(join(tmpdir(), 'local-supabase-test-'));
	return { where: { dataDir }, remove: () => rm(dataDir, { recursive: true, force: true }) };
}

export async function startTestSupabase(opts: { workdir?: string } = {}): Promise<TestSupabase> {
	const store = await scratchStore();
	try {
		const server = await startLocalSupabase({ port: 0, workdir: opts.workdir, ...store.where });
		return {
			...server,
			...store.where,
			async stop() {
				await server.stop();
				await store.remove();
			}
		};
	} catch (err) {
		await store.remove();
		throw err;
	}
}
