import { describe, expect, it } from 'vitest';
import { contentPolicy, securityHeaders, tileSource } from './security-headers';

describe('security headers', () => {
	it('allows the tile server and nothing else from outside', () => {
		expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe(
			'https://tile.openstreetmap.org'
		);
		expect(tileSource('https://{s}.tiles.example.vn/{z}/{x}/{y}.png')).toBe(
			'https://*.tiles.example.vn'
		);
		expect(tileSource('/tiles/{z}/{x}/{y}.png')).toBeNull();
		const kit = "script-src 'self' 'nonce-abc'; object-src 'none'; base-uri 'self'";
		const policy = contentPolicy(kit, 'https://tile.openstreetmap.org/{z}/{x}/{y}.png');
		expect(policy.startsWith(kit)).toBe(true); // one policy, Kit's nonce first
		expect(policy).toContain("img-src 'self' data: https://tile.openstreetmap.org");
		expect(policy).toContain("frame-ancestors 'none'");
		expect(policy.match(/script-src/g)).toHaveLength(1);
		expect(contentPolicy(null, '')).toMatch(/^script-src 'self';/); // endpoints: no Kit policy
	});

	it('asks for HSTS only over HTTPS', () => {
		const tiles = '/t/{z}/{x}/{y}.png';
		expect(securityHeaders(new URL('http://localhost:3000/'), null, tiles)).not.toHaveProperty(
			'strict-transport-security'
		);
		expect(securityHeaders(new URL('https://bdhvs.vn/'), null, tiles)).toHaveProperty(
			'strict-transport-security',
			'max-age=63072000; includeSubDomains'
		);
	});
});
