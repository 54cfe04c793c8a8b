import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateIssuerJwk, issuerJwkFrom, issuerKeyFrom, type IssuerKey } from './issuer-key';
import {
	buildCredential,
	hashIdentity,
	recipientIdentity,
	signCredential,
	verifyCredential,
	type AwardForCredential
} from './open-badge';

const ORIGIN = 'https://hoc.example.vn';
const award: AwardForCredential = {
	token: 'ab'.repeat(32),
	salt: '0123456789abcdef0123456789abcdef',
	profileId: '6f1c9a52-3f0b-4e53-9a7e-2d3c4b5a6978',
	awardedAt: '2026-11-29T03:00:00Z',
	badge: {
		slug: 'first-lesson',
		kind: 'sessions_taught',
		name: 'Buổi dạy đầu tiên',
		description: 'Dạy buổi đầu tiên',
		criteria: 'Một buổi học được xác nhận bằng mã'
	}
};

let key: IssuerKey;
let jwt: string;
let dir: string;

beforeAll(async () => {
	key = await issuerKeyFrom(await generateIssuerJwk());
	jwt = await signCredential(buildCredential(award, ORIGIN), key);
	dir = mkdtempSync(join(tmpdir(), 'issuer-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The JWT with one character of one part changed to another valid base64url character. */
function tamper(token: string, part: 0 | 1 | 2): string {
	const parts = token.split('.');
	const s = parts[part] ?? '';
	const at = Math.floor(s.length / 2);
	parts[part] = s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
	return parts.join('.');
}

describe('Open Badges credential', () => {
	it('is an OpenBadgeCredential with a hashed, salted recipient and no personal data', () => {
		const credential = buildCredential(award, ORIGIN);
		expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
		expect(credential.id).toBe(`${ORIGIN}/verify/${award.token}`);
		const [identity] = credential.credentialSubject.identifier;
		expect(identity).toMatchObject({ type: 'IdentityObject', hashed: true, salt: award.salt });
		expect(identity?.identityHash).toBe(
			hashIdentity(recipientIdentity(award.profileId), award.salt)
		);
		expect(identity?.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
		expect(JSON.stringify(credential)).not.toContain(award.profileId);
	});

	it('verifies as signed, with the award token', async () => {
		const result = await verifyCredential(jwt, key.publicJwk, ORIGIN);
		expect(result).toMatchObject({ valid: true, token: award.token });
		const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString());
		expect(header).toEqual({ alg: 'ES256', typ: 'JWT', kid: key.kid });
	});

	it('is invalid when one byte of the payload or the signature is altered', async () => {
		expect(await verifyCredential(tamper(jwt, 1), key.publicJwk, ORIGIN)).toMatchObject({
			valid: false
		});
		expect(await verifyCredential(tamper(jwt, 2), key.publicJwk, ORIGIN)).toEqual({
			valid: false,
			reason: 'signature'
		});
	});

	it('is invalid when re-signed with another key, or for another issuer', async () => {
		const other = await issuerKeyFrom(await generateIssuerJwk());
		const forged = await signCredential(buildCredential(award, ORIGIN), other);
		expect(await verifyCredential(forged, key.publicJwk, ORIGIN)).toEqual({
			valid: false,
			reason: 'unknown_key'
		});
		const sameKid = await signCredential(buildCredential(award, ORIGIN), {
			...other,
			kid: key.kid
		});
		expect(await verifyCredential(sameKid, key.publicJwk, ORIGIN)).toEqual({
			valid: false,
			reason: 'signature'
		});
		expect(await verifyCredential(jwt, key.publicJwk, 'https://elsewhere.example')).toEqual({
			valid: false,
			reason: 'wrong_issuer'
		});
		expect(await verifyCredential('not a jwt', key.publicJwk, ORIGIN)).toEqual({
			valid: false,
			reason: 'malformed'
		});
	});

	it('keeps the locally generated key across runs, and refuses to invent one in production', async () => {
		const file = join(dir, 'issuer.jwk.json');
		const first = await issuerJwkFrom({}, file);
		const again = await issuerJwkFrom({}, file);
		expect(again).toEqual(first);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
		await expect(issuerJwkFrom({ NODE_ENV: 'production' }, join(dir, 'none.json'))).rejects.toThrow(
			/BADGE_ISSUER_JWK/
		);
		const fromEnv = await issuerJwkFrom({ BADGE_ISSUER_JWK: JSON.stringify(first) }, 'unused');
		expect((await issuerKeyFrom(fromEnv)).kid).toBe((await issuerKeyFrom(first)).kid);
	});
});
