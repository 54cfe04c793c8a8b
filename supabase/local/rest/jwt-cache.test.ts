// Verified tokens are cached (issue 7 item 9), but a cached token still expires on time and a
// token signed with another secret is never served from the cache.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signJwt } from '../jwt';
import type { LocalRequest } from '../types';
import { identify } from './auth';

const SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

function request(token: string): LocalRequest {
	return {
		method: 'GET',
		path: '/t',
		query: new URLSearchParams(),
		headers: { authorization: `Bearer ${token}` },
		body: Buffer.alloc(0),
		ip: '127.0.0.1'
	};
}

afterEach(() => {
	vi.useRealTimers();
});

describe('the verified-token cache', () => {
	it('answers PGRST303 once a cached token expires', () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		const now = Math.floor(Date.now() / 1000);
		const token = signJwt({ role: 'authenticated', sub: 'u1', exp: now + 60 }, SECRET);
		expect(identify(request(token), SECRET)).toMatchObject({ role: 'authenticated' });
		expect(identify(request(token), SECRET).claims).toMatchObject({ sub: 'u1' });
		vi.setSystemTime((now + 61) * 1000);
		expect(() => identify(request(token), SECRET)).toThrow(
			expect.objectContaining({ status: 401, code: 'PGRST303' })
		);
	});

	it('does not accept a cached token under another secret', () => {
		const token = signJwt({ role: 'service_role' }, SECRET);
		expect(identify(request(token), SECRET).role).toBe('service_role');
		expect(() => identify(request(token), `${SECRET}-other`)).toThrow(
			expect.objectContaining({ status: 401, code: 'PGRST301' })
		);
	});
});
