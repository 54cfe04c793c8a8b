// Counts the Supabase HTTP calls the built app makes for sign-in, onboarding and a profile save.
// A counting proxy stands between `node build` and a fresh local Supabase; the script plays a
// person without JavaScript (plain form posts), so every call is the server's, none the browser's.
// Usage: npm run build && npx tsx scripts/count-supabase-calls.ts
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalSupabase } from '../supabase/local/index';

const calls: string[] = [];

function listen(server: Server): Promise<number> {
	return new Promise((done) =>
		server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port))
	);
}

function proxyTo(target: URL): Server {
	return createServer((req, res) => {
		calls.push(`${req.method} ${req.url?.replace(/\?.*/, '')}`);
		const upstream = httpRequest(
			{
				host: target.hostname,
				port: target.port,
				path: req.url,
				method: req.method,
				headers: req.headers
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			}
		);
		req.pipe(upstream);
	});
}

const jar = new Map<string, string>();
async function go(base: string, path: string, form?: Record<string, string | string[]>) {
	const body = new URLSearchParams();
	for (const [k, v] of Object.entries(form ?? {}))
		for (const one of [v].flat()) body.append(k, one);
	const res = await fetch(base + path, {
		method: form ? 'POST' : 'GET',
		redirect: 'manual',
		headers: {
			cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
			origin: base,
			'accept-language': 'vi',
			...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
		},
		body: form ? body : undefined
	});
	for (const c of res.headers.getSetCookie()) {
		const [pair] = c.split(';');
		const [name, ...value] = (pair ?? '').split('=');
		if (name) jar.set(name, value.join('='));
	}
	await res.text();
	return res;
}

async function phase(name: string, run: () => Promise<unknown>) {
	const before = calls.length;
	await run();
	const mine = calls.slice(before);
	console.log(`${name}: ${mine.length} calls (${mine.join(', ')})`);
	return mine.length;
}

const dataDir = await mkdtemp(join(tmpdir(), 'count-calls-'));
const supabase = await startLocalSupabase({ dataDir });
const proxy = proxyTo(new URL(supabase.url));
const proxyPort = await listen(proxy);
const free = createServer();
const appPort = await listen(free);
free.close();
const base = `http://127.0.0.1:${appPort}`;
const app = spawn(process.execPath, ['build'], {
	stdio: ['ignore', 'ignore', 'inherit'],
	env: {
		...process.env,
		PORT: String(appPort),
		HOST: '127.0.0.1',
		ORIGIN: base,
		PUBLIC_SUPABASE_URL: `http://127.0.0.1:${proxyPort}`,
		PUBLIC_SUPABASE_ANON_KEY: supabase.anonKey,
		PUBLIC_MAP_TILE_URL: ''
	}
});
try {
	for (let i = 0; i < 100; i++) {
		if (
			await fetch(base + '/manifest.webmanifest').then(
				(r) => r.ok,
				() => false
			)
		)
			break;
		await new Promise((r) => setTimeout(r, 200));
	}
	const national = `9${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
	const e164 = `+84${national}`;
	const profile = {
		display_name: 'Bà Đếm',
		wants_to_learn: 'on',
		ward_id: '',
		languages: ['vi'],
		text_size: 'normal'
	};
	await phase('sign-in (send code)', () =>
		go(base, '/sign-in?/sendPhoneCode', { phone: `0${national}`, redirect_to: '/' })
	);
	const outbox = `${supabase.url}/outbox/messages?to=${encodeURIComponent(e164)}`;
	const [message] = (await (await fetch(outbox)).json()) as { code: string }[];
	await phase('sign-in (verify code)', () =>
		// The code step knows the number from its cookie (in the jar): only the code is posted.
		go(base, '/sign-in?step=code&/verifyCode', { code: message?.code ?? '' })
	);
	await phase('onboarding page load', () => go(base, '/onboarding'));
	const ward = (await (
		await fetch(`${supabase.url}/rest/v1/areas?select=id&kind=eq.ward&limit=1`, {
			headers: { apikey: supabase.anonKey }
		})
	).json()) as { id: number }[];
	profile.ward_id = String(ward[0]?.id);
	await phase('onboarding save', () =>
		go(base, '/onboarding', { ...profile, consent_terms: 'on', consent_personal_data: 'on' })
	);
	await phase('profile page load', () => go(base, '/profile'));
	await phase('profile save', () =>
		go(base, '/profile', { ...profile, display_name: 'Bà Đếm Hai' })
	);
} finally {
	app.kill('SIGTERM');
	proxy.close();
	await supabase.stop();
	await rm(dataDir, { recursive: true, force: true });
}
