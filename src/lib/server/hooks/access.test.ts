import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide, isCrossSiteForm, requirementOf, ROUTE_GROUPS } from './access';

const yes = async () => true;
const no = async () => false;

describe('route groups', () => {
	it('lists every group folder under src/routes', () => {
		const routes = join(import.meta.dirname, '../../../routes');
		const groups = readdirSync(routes, { withFileTypes: true })
			.filter((entry) => entry.isDirectory() && /^\(.+\)$/.test(entry.name))
			.map((entry) => entry.name);
		for (const group of groups) expect(ROUTE_GROUPS, group).toHaveProperty(group);
	});

	it('reads the group from a route id', () => {
		expect(requirementOf('/(app)/profile')).toBe('signed_in');
		expect(requirementOf('/(coordinator)/wards/[id]')).toBe('coordinator');
		expect(requirementOf('/(public)')).toBe('anyone');
		expect(requirementOf('/auth/confirm')).toBe('anyone');
		expect(requirementOf(null)).toBe('anyone');
		expect(requirementOf('/(secret)/x')).toBe('unknown_group');
	});
});

describe('decide', () => {
	it('sends visitors of (app) to sign in, and lets people in', async () => {
		expect(await decide('/(app)/profile', null, no)).toBe('sign_in');
		expect(await decide('/(app)/profile', 'u1', no)).toBe('allow');
	});

	it('opens (coordinator) to coordinators only, asking only there', async () => {
		expect(await decide('/(coordinator)/ward', null, yes)).toBe('sign_in');
		expect(await decide('/(coordinator)/ward', 'u1', no)).toBe('forbidden');
		expect(await decide('/(coordinator)/ward', 'u1', yes)).toBe('allow');
		let asked = false;
		const ask = async () => ((asked = true), true);
		await decide('/(app)/profile', 'u1', ask);
		expect(asked).toBe(false);
	});

	it('keeps (auth) and (public) open, and an unlisted group closed', async () => {
		expect(await decide('/(auth)/sign-in', null, no)).toBe('allow');
		expect(await decide('/(public)/settings', null, no)).toBe('allow');
		expect(await decide('/(secret)/x', 'u1', yes)).toBe('forbidden');
	});
});

describe('isCrossSiteForm', () => {
	const url = new URL('http://127.0.0.1:4173/profile');
	const post = (headers: Record<string, string>, method = 'POST') =>
		new Request(url, { method, headers, body: method === 'GET' ? undefined : 'a=1' });
	const form = { 'content-type': 'application/x-www-form-urlencoded' };

	it('accepts a form posted from the address the app was opened at', () => {
		expect(isCrossSiteForm(post({ ...form, origin: 'http://127.0.0.1:4173' }), url)).toBe(false);
	});

	it('refuses a form from another origin, another port, or without an origin', () => {
		expect(isCrossSiteForm(post({ ...form, origin: 'http://evil.example' }), url)).toBe(true);
		expect(isCrossSiteForm(post({ ...form, origin: 'http://127.0.0.1:9999' }), url)).toBe(true);
		expect(isCrossSiteForm(post({ ...form, origin: 'https://127.0.0.1:4173' }), url)).toBe(true);
		expect(isCrossSiteForm(post(form), url)).toBe(true);
		const multipart = { 'content-type': 'multipart/form-data; boundary=x', origin: 'null' };
		expect(isCrossSiteForm(post(multipart), url)).toBe(true);
		expect(
			isCrossSiteForm(post({ 'content-type': 'TEXT/PLAIN', origin: 'x' }, 'DELETE'), url)
		).toBe(true);
	});

	it('leaves reads and JSON bodies alone, as SvelteKit does', () => {
		expect(isCrossSiteForm(post({ origin: 'http://evil.example' }, 'GET'), url)).toBe(false);
		const json = { 'content-type': 'application/json', origin: 'http://evil.example' };
		expect(isCrossSiteForm(post(json), url)).toBe(false);
	});
});
