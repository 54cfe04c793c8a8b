// redirect_to as GoTrue judges it (internal/utilities/request.go, gobwas/glob with '.' and '/').
import { describe, expect, it } from 'vitest';
import type { LocalConfig, LocalRequest, ServerContext } from '../types';
import { globToRegExp, isRedirectUrlValid } from './redirect';
import { clientAddress } from './request';

const auth = {
	siteUrl: 'http://localhost:5173',
	additionalRedirectUrls: [
		'http://localhost:3000',
		'https://bdhvs.example.vn/**',
		'https://*.preview.example.vn/auth/*',
		'com.bdhvs.app://callback'
	]
};
const ok = (url: string) => isRedirectUrlValid(auth, url);

describe('redirect_to', () => {
	it('allows the site on its port, and loopback hosts on any port', () => {
		expect(ok('http://localhost:5173/onboarding?x=1')).toBe(true);
		expect(ok('http://localhost:4999/anything')).toBe(true);
		expect(ok('http://127.0.0.1:41234/auth/confirm')).toBe(true);
		expect(ok('http://[::1]:8080/')).toBe(true);
		// Same host, other scheme: not the site.
		expect(ok('https://localhost:5173/')).toBe(false);
	});

	it('refuses IP addresses that are not loopback, even written in decimal', () => {
		expect(ok('http://192.168.1.20:5173/')).toBe(false);
		expect(ok('http://2130706433/')).toBe(false);
		expect(ok('http://evil.example/')).toBe(false);
		expect(ok('https://bdhvs.example.vn\t.evil.example/')).toBe(false);
		expect(ok('https:/\\evil.example/')).toBe(false);
	});

	it('matches the allow list as globs, not as path prefixes', () => {
		// No wildcard: the exact string only (GoTrue), so a path below it is not allowed...
		expect(ok('http://localhost:3000')).toBe(true);
		// ...except that localhost is loopback, allowed on any port and path anyway.
		expect(ok('http://localhost:3000/auth/confirm')).toBe(true);
		expect(ok('https://bdhvs.example.vn/auth/confirm?next=%2F')).toBe(true);
		expect(ok('https://bdhvs.example.vn.evil.example/')).toBe(false);
		// `*` stays inside one label or one path segment.
		expect(ok('https://pr-12.preview.example.vn/auth/confirm')).toBe(true);
		expect(ok('https://a.b.preview.example.vn/auth/confirm')).toBe(false);
		expect(ok('https://pr-12.preview.example.vn/auth/x/y')).toBe(false);
		// The fragment is not part of the match.
		expect(ok('com.bdhvs.app://callback#access_token=x')).toBe(true);
		expect(ok('com.bdhvs.app://callback/other')).toBe(false);
	});

	it('compiles gobwas/glob syntax', () => {
		expect(globToRegExp('https://{a,b}.example.vn/?').test('https://b.example.vn/x')).toBe(true);
		expect(globToRegExp('https://[!x]y.vn').test('https://zy.vn')).toBe(true);
		expect(globToRegExp('https://[!x]y.vn').test('https://xy.vn')).toBe(false);
		expect(globToRegExp('https://a.vn/\\*').test('https://a.vn/*')).toBe(true);
		expect(globToRegExp('https://a.vn/\\*').test('https://a.vn/b')).toBe(false);
	});
});

describe('client address for per-address limits', () => {
	const ctx = (header: string) =>
		({ config: { auth: { rateLimitHeader: header } as LocalConfig['auth'] } }) as ServerContext;
	const req = (ip: string, headers: Record<string, string>) =>
		({ ip, headers }) as unknown as LocalRequest;

	it('takes the first value of the rate-limit header from the app server beside it', () => {
		const xff = { 'x-forwarded-for': ' 203.0.113.9 , 10.0.0.1' };
		expect(clientAddress(ctx('X-Forwarded-For'), req('127.0.0.1', xff))).toBe('203.0.113.9');
		expect(clientAddress(ctx('X-Forwarded-For'), req('::ffff:127.0.0.1', xff))).toBe('203.0.113.9');
		expect(clientAddress(ctx('X-Forwarded-For'), req('::1', xff))).toBe('203.0.113.9');
	});

	it('ignores the header from anyone else, when unset, or when empty', () => {
		const xff = { 'x-forwarded-for': '203.0.113.9' };
		expect(clientAddress(ctx('X-Forwarded-For'), req('192.168.1.30', xff))).toBe('192.168.1.30');
		expect(clientAddress(ctx(''), req('127.0.0.1', xff))).toBe('127.0.0.1');
		expect(clientAddress(ctx('X-Forwarded-For'), req('127.0.0.1', {}))).toBe('127.0.0.1');
		expect(
			clientAddress(ctx('X-Forwarded-For'), req('127.0.0.1', { 'x-forwarded-for': ' , 1.2.3.4' }))
		).toBe('127.0.0.1');
	});
});
