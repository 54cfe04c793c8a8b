// Lighthouse (mobile) on the production build: prints each page's four scores and its JavaScript bytes.
// Needs `npm run build` first; starts the app with the local Supabase on free ports.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/chromium.js';

const pages = (process.env.BENCH_PAGES ?? '/,/sign-in').split(',');

const freePort = () =>
	new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});

async function waitFor(url, ms = 120_000) {
	const until = Date.now() + ms;
	while (Date.now() < until) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`${url} did not answer within ${ms} ms`);
}

const appPort = await freePort();
const supabasePort = await freePort();
const app = spawn('node', ['scripts/with-local-supabase.js', 'node', 'build'], {
	env: {
		...process.env,
		PORT: String(appPort),
		ORIGIN: `http://127.0.0.1:${appPort}`,
		LOCAL_SUPABASE_PORT: String(supabasePort),
		LOCAL_SUPABASE_RESET: '1'
	},
	stdio: ['ignore', 'ignore', 'inherit'],
	detached: true
});
const base = `http://127.0.0.1:${appPort}`;
let chrome;
try {
	await waitFor(base + '/');
	chrome = await chromeLauncher.launch({
		chromePath: CHROMIUM_PATH,
		chromeFlags: ['--headless=new', ...CHROMIUM_ARGS]
	});
	const worst = { performance: 100, accessibility: 100, 'best-practices': 100, seo: 100 };
	for (const path of pages) {
		const { lhr } = await lighthouse(base + path, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			formFactor: 'mobile',
			onlyCategories: Object.keys(worst)
		});
		const scores = Object.fromEntries(
			Object.keys(worst).map((k) => [k, Math.round((lhr.categories[k]?.score ?? 0) * 100)])
		);
		for (const k of Object.keys(worst)) worst[k] = Math.min(worst[k], scores[k]);
		const js = (lhr.audits['network-requests']?.details?.items ?? [])
			.filter((i) => i.resourceType === 'Script')
			.reduce((n, i) => n + (i.transferSize ?? 0), 0);
		console.log(
			`${path}: performance ${scores.performance}, accessibility ${scores.accessibility}, ` +
				`best-practices ${scores['best-practices']}, seo ${scores.seo}, JavaScript ${js} bytes transferred`
		);
	}
	console.log(
		`lighthouse minimum over ${pages.length} pages: performance ${worst.performance}, accessibility ` +
			`${worst.accessibility}, best-practices ${worst['best-practices']}, seo ${worst.seo}`
	);
} finally {
	await chrome?.kill();
	try {
		process.kill(-app.pid, 'SIGTERM');
	} catch {
		/* already gone */
	}
}
