// Open Badges 3.0: an `OpenBadgeCredential` per award, secured as a VC-JWT (OB 3.0 §8.2: the
// credential is the JWT payload, with iss/jti/nbf mirrored from it), and its verification.
// The recipient is a salted SHA-256 of their account id (an OB3 IdentityObject, hashed: true): a
// phone number has too few digits for a hash to hide it, and it never leaves the database.
import { createHash } from 'node:crypto';
import { SignJWT, errors, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { ALG, type IssuerKey } from './issuer-key';

export const OB3_CONTEXT = [
	'https://www.w3.org/ns/credentials/v2',
	'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
];
export const ISSUER_NAME = 'Bình dân học vụ số';

/** What one award contributes to its credential. */
export interface AwardForCredential {
	token: string;
	salt: string;
	profileId: string;
	awardedAt: string;
	badge: {
		slug: string;
		kind: string;
		name: string;
		description: string;
		criteria: string;
	};
}

/** Where this deployment publishes things, from its public origin. */
export function issuerUrls(origin: string) {
	return {
		issuer: `${origin}/api/credentials/issuer`,
		jwks: `${origin}/api/credentials/jwks`,
		verify: (token: string) => `${origin}/verify/${token}`,
		achievement: (slug: string) => `${origin}/badges#${slug}`,
		image: (kind: string) => `${origin}/badges/${kind}.svg`
	};
}

/** `sha256$<hex>` of identity + salt, as Open Badges hashes a recipient. */
export function hashIdentity(identity: string, salt: string): string {
	return `sha256$${createHash('sha256')
		.update(identity + salt)
		.digest('hex')}`;
}

/** The identity that is hashed: the account id, never the phone. */
export function recipientIdentity(profileId: string): string {
	return `urn:uuid:${profileId}`;
}

/** The unsigned credential of one award. */
export function buildCredential(award: AwardForCredential, origin: string) {
	const urls = issuerUrls(origin);
	return {
		'@context': OB3_CONTEXT,
		id: urls.verify(award.token),
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		name: award.badge.name,
		issuer: { id: urls.issuer, type: ['Profile'], name: ISSUER_NAME, url: origin },
		validFrom: new Date(award.awardedAt).toISOString(),
		credentialSubject: {
			type: ['AchievementSubject'],
			identifier: [
				{
					type: 'IdentityObject',
					identityType: 'identifier',
					hashed: true,
					identityHash: hashIdentity(recipientIdentity(award.profileId), award.salt),
					salt: award.salt
				}
			],
			achievement: {
				id: urls.achievement(award.badge.slug),
				type: ['Achievement'],
				name: award.badge.name,
				description: award.badge.description,
				criteria: { narrative: award.badge.criteria },
				image: { id: urls.image(award.badge.kind), type: 'Image' }
			}
		}
	};
}

export type OpenBadgeCredential = ReturnType<typeof buildCredential>;

/** Signs the credential as a VC-JWT with the issuer's key (ES256, kid = JWK thumbprint). */
export async function signCredential(credential: OpenBadgeCredential, key: IssuerKey) {
	return new SignJWT({ ...credential } as unknown as JWTPayload)
		.setProtectedHeader({ alg: ALG, typ: 'JWT', kid: key.kid })
		.setIssuer(credential.issuer.id)
		.setJti(credential.id)
		.setNotBefore(Math.floor(new Date(credential.validFrom).getTime() / 1000))
		.sign(key.privateKey);
}

export type VerifyReason =
	| 'malformed'
	| 'signature'
	| 'unknown_key'
	| 'not_yet_valid'
	| 'wrong_issuer'
	| 'not_open_badge'
	| 'revoked';

export type Verification =
	| { valid: true; credential: OpenBadgeCredential; token: string }
	| { valid: false; reason: VerifyReason };

function reasonOf(err: unknown): VerifyReason {
	if (err instanceof errors.JWSSignatureVerificationFailed) return 'signature';
	if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'nbf') return 'not_yet_valid';
	if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'iss') return 'wrong_issuer';
	if (err instanceof errors.JWKSNoMatchingKey) return 'unknown_key';
	return 'malformed';
}

/**
 * Checks a VC-JWT against the issuer's public key: the signature, the issuer, that it is an
 * OpenBadgeCredential whose id is one of our verification addresses. Whether the award still
 * exists (an erased account revokes it) is the caller's question, with the returned token.
 */
export async function verifyCredential(
	jwt: string,
	publicJwk: JWK,
	origin: string
): Promise<Verification> {
	const urls = issuerUrls(origin);
	let payload: JWTPayload;
	try {
		const header = JSON.parse(
			Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString('utf8')
		) as { kid?: unknown };
		if (header.kid !== publicJwk.kid) return { valid: false, reason: 'unknown_key' };
		({ payload } = await jwtVerify(jwt.trim(), publicJwk, {
			algorithms: [ALG],
			issuer: urls.issuer
		}));
	} catch (err) {
		return { valid: false, reason: reasonOf(err) };
	}
	const credential = payload as unknown as OpenBadgeCredential;
	const prefix = urls.verify('');
	if (
		!Array.isArray(credential.type) ||
		!credential.type.includes('OpenBadgeCredential') ||
		typeof credential.id !== 'string' ||
		!credential.id.startsWith(prefix) ||
		payload.jti !== credential.id ||
		credential.issuer?.id !== payload.iss
	) {
		return { valid: false, reason: 'not_open_badge' };
	}
	return { valid: true, credential, token: credential.id.slice(prefix.length) };
}
