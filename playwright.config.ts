import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/chromium.js';

// Two free ports, chosen once in the runner and inherited by the workers through the environment.
if (!process.env.E2E_APP_PORT || !process.env.E2E_SUPABASE_PORT) {
	const script = `const net=require('net');const ports=[];let n=0;const grab=()=>{const s=net.createServer();s.listen(0,'127.0.0.1',()=>{ports.push(s.address().port);s.close(()=>{if(++n<2)grab();else console.log(ports.join(' '))})})};grab();`;
	const [app, supabase] = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })
		.trim()
		.split(' ');
	process.env.E2E_APP_PORT = app;
	process.env.E2E_SUPABASE_PORT = supabase;
}
process.env.E2E_SUPABASE_URL = `http://127.0.0.1:${process.env.E2E_SUPABASE_PORT}`;
const baseURL = `http://localhost:${process.env.E2E_APP_PORT}`;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.spec.ts',
	// One local Supabase over PGlite serves every test; it runs one transaction at a time anyway.
	workers: 1,
	fullyParallel: false,
	forbidOnly: Boolean(process.env.CI),
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_ARGS
		}
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		command: 'node --import tsx tests/e2e/serve.ts',
		url: `${baseURL}/manifest.webmanifest`,
		timeout: 300_000,
		reuseExistingServer: false,
		// serve.ts stops the local Supabase and removes its temporary data on SIGTERM.
		gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
		stdout: 'ignore',
		stderr: 'pipe'
	}
});
