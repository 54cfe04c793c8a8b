// Playwright's web server: a fresh local Supabase (PGlite in a temporary directory, seeded) and the
// production build served by scripts/serve-local.js, on the ports playwright.config.ts chose.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalSupabase } from '../../supabase/local/index';

const appPort = Number(process.env.E2E_APP_PORT);
const supabasePort = Number(process.env.E2E_SUPABASE_PORT);
if (!appPort || !supabasePort) throw new Error('E2E_APP_PORT and E2E_SUPABASE_PORT must be set');

// CI builds just before; locally a fresh build avoids testing stale code.
if (!process.env.CI || !existsSync('build/index.js')) {
	const built = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	if (built.status !== 0) process.exit(built.status ?? 1);
}

const dataDir = await mkdtemp(join(tmpdir(), 'e2e-supabase-'));
const supabase = await startLocalSupabase({ port: supabasePort, dataDir });

// The same server `npm start` runs (no ORIGIN), so the app answers at http://localhost:PORT and at
// http://127.0.0.1:PORT as it does for a newcomer; 127.0.0.1 keeps it off the network.
const { ORIGIN: _ignored, ...inherited } = process.env;
const app = spawn(process.execPath, ['scripts/serve-local.js'], {
	stdio: 'inherit',
	env: {
		...inherited,
		PORT: String(appPort),
		HOST: '127.0.0.1',
		PUBLIC_SUPABASE_URL: supabase.url,
		PUBLIC_SUPABASE_ANON_KEY: supabase.anonKey,
		// The badge verification page reads an award by its token with the service role.
		SUPABASE_SERVICE_ROLE_KEY: supabase.serviceRoleKey,
		PUBLIC_MAP_TILE_URL: ''
	}
});

// The whole process group gets the signal, so the Supabase child may already be gone.
process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));

let stopping = false;
async function stop(code: number) {
	if (stopping) return;
	stopping = true;
	app.kill('SIGTERM');
	await supabase.stop().catch(() => undefined);
	process.exit(code);
}

app.once('exit', (code) => void stop(code ?? 1));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop(0));
