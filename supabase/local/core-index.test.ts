import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Each test boots a server in a child process; CI machines have two cores.
const BOOT = 180_000;
import { DEFAULT_KEYS } from './config';
import { startLocalSupabase } from './index';
import { makeFixture } from './core-fixture';
import { startTestSupabase } from './testing';

describe('startLocalSupabase (child process)', () => {
	it(
		'reports the real port and keys, serves, and stops cleanly',
		async () => {
			const { workdir } = await makeFixture();
			try {
				const s = await startLocalSupabase({ port: 0, workdir, dataDir: 'memory' });
				expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
				expect(s.url).not.toMatch(/:54321$/);
				expect(s.anonKey).toBe(DEFAULT_KEYS.anonKey);
				expect(s.serviceRoleKey).toBe(DEFAULT_KEYS.serviceRoleKey);
				expect(s.jwtSecret).toBe(DEFAULT_KEYS.jwtSecret);
				expect(s.outboxUrl).toBe(`${s.url}/outbox`);
				const res = await fetch(`${s.url}/nowhere`);
				expect(res.status).toBe(404);
				const pre = await fetch(`${s.url}/rest/v1/books`, { method: 'OPTIONS' });
				expect(pre.headers.get('access-control-allow-origin')).toBe('*');
				await s.stop();
				await s.stop();
				await expect(fetch(`${s.url}/nowhere`)).rejects.toThrow();
			} finally {
				await rm(workdir, { recursive: true, force: true });
			}
		},
		BOOT
	);

	it(
		'rejects with the reason when the boot fails',
		async () => {
			const { workdir } = await makeFixture({ seed: false });
			await writeFile(
				join(workdir, 'supabase', 'migrations', '20240109000000_bad.sql'),
				'select 1/0;'
			);
			try {
				await expect(startLocalSupabase({ port: 0, workdir, dataDir: 'memory' })).rejects.toThrow(
					/20240109000000_bad\.sql: statement 1 failed: division by zero/
				);
			} finally {
				await rm(workdir, { recursive: true, force: true });
			}
		},
		BOOT
	);
});

describe('startTestSupabase', () => {
	it(
		'uses a fresh database and removes it on stop',
		async () => {
			const { workdir } = await makeFixture();
			try {
				const s = await startTestSupabase({ workdir });
				const where = s.dataDir ?? s.dbUrl;
				expect(where).toBeTruthy();
				if (s.dataDir) expect(existsSync(s.dataDir)).toBe(true);
				await s.stop();
				if (s.dataDir) expect(existsSync(s.dataDir)).toBe(false);
			} finally {
				await rm(workdir, { recursive: true, force: true });
			}
		},
		BOOT
	);
});
