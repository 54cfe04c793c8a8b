import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS script without types
import { parseEnv } from '../../scripts/with-local-supabase.js';
import { DEFAULT_KEYS } from './config';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = 'scripts/with-local-supabase.js';

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => resolve(port));
		});
	});
}

const PRINT_ENV = `console.log(JSON.stringify({ url: process.env.PUBLIC_SUPABASE_URL, anon: process.env.PUBLIC_SUPABASE_ANON_KEY, service: process.env.SUPABASE_SERVICE_ROLE_KEY }))`;

describe('scripts/with-local-supabase.js', () => {
	it('parses .env files', () => {
		expect(
			parseEnv('# c\nA=1\nexport B="two words"\nC=\'x # y\'\nD=plain # comment\n\nbad line\n')
		).toEqual({ A: '1', B: 'two words', C: 'x # y', D: 'plain' });
	});

	it('runs the command as is against a real Supabase URL and passes its exit code', async () => {
		const env = { ...process.env, PUBLIC_SUPABASE_URL: 'https://abc.supabase.co' };
		const { stdout } = await run('node', [SCRIPT, 'node', '-e', PRINT_ENV], { cwd: repo, env });
		expect(JSON.parse(stdout).url).toBe('https://abc.supabase.co');
		const failed = await run('node', [SCRIPT, 'node', '-e', 'process.exit(3)'], {
			cwd: repo,
			env
		}).catch((e) => e);
		expect(failed.code).toBe(3);
	});

	it('starts the local server, hands the command its URL and keys, and stops it after', async () => {
		const port = await freePort();
		const env = {
			...process.env,
			PUBLIC_SUPABASE_URL: '',
			LOCAL_SUPABASE_PORT: String(port),
			LOCAL_SUPABASE_DATA_DIR: 'memory'
		};
		const probe = `fetch(process.env.PUBLIC_SUPABASE_URL + '/auth/v1/health').then((r) => { ${PRINT_ENV.replace('}))', `, status: r.status }))`)} })`;
		const { stdout } = await run('node', [SCRIPT, 'node', '-e', probe], {
			cwd: repo,
			env,
			timeout: 240_000
		});
		const line = stdout.trim().split('\n').pop() as string;
		expect(JSON.parse(line)).toEqual({
			url: `http://127.0.0.1:${port}`,
			anon: DEFAULT_KEYS.anonKey,
			service: DEFAULT_KEYS.serviceRoleKey,
			status: 200
		});
		await expect(fetch(`http://127.0.0.1:${port}/auth/v1/health`)).rejects.toThrow();
	}, 240_000);
});
