// Where the badge issuer's signing key comes from: BADGE_ISSUER_JWK (a private P-256 JWK, JSON) in
// production; on a developer's machine, generated on the first run and kept in a gitignored file,
// so credentials issued yesterday still verify today. Relative imports only (no SvelteKit aliases).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
	calculateJwkThumbprint,
	exportJWK,
	generateKeyPair,
	importJWK,
	type CryptoKey,
	type JWK
} from 'jose';

/** Under supabase/.local-data/, which .gitignore already keeps out of git. */
export const DEFAULT_ISSUER_KEY_FILE = 'supabase/.local-data/badge-issuer.jwk.json';
export const ALG = 'ES256';

export interface IssuerKey {
	kid: string;
	privateKey: CryptoKey;
	/** The public half, as published in the JWKS (kid, alg, use set). */
	publicJwk: JWK;
}

/** A fresh private JWK (P-256), as `BADGE_ISSUER_JWK` would hold it. */
export async function generateIssuerJwk(): Promise<JWK> {
	const { privateKey } = await generateKeyPair(ALG, { extractable: true });
	return exportJWK(privateKey);
}

/** Splits a private JWK into the signing key and the public JWK others verify with. */
export async function issuerKeyFrom(jwk: JWK): Promise<IssuerKey> {
	if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) {
		throw new Error('BADGE_ISSUER_JWK must be a private P-256 (EC) JWK');
	}
	const publicOnly: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
	const kid = await calculateJwkThumbprint(publicOnly);
	const privateKey = (await importJWK({ ...jwk, alg: ALG }, ALG)) as CryptoKey;
	return { kid, privateKey, publicJwk: { ...publicOnly, kid, alg: ALG, use: 'sig' } };
}

function readJwkFile(file: string): JWK {
	return JSON.parse(readFileSync(file, 'utf8')) as JWK;
}

/** The private JWK from the environment, the kept file, or (locally) a new one written there. */
export async function issuerJwkFrom(
	env: Record<string, string | undefined>,
	file = env.BADGE_ISSUER_KEY_FILE ?? DEFAULT_ISSUER_KEY_FILE
): Promise<JWK> {
	if (env.BADGE_ISSUER_JWK) return JSON.parse(env.BADGE_ISSUER_JWK) as JWK;
	if (existsSync(file)) return readJwkFile(file);
	if (env.NODE_ENV === 'production' && !env.BADGE_ISSUER_KEY_FILE) {
		throw new Error('BADGE_ISSUER_JWK must be set in production');
	}
	const jwk = await generateIssuerJwk();
	mkdirSync(dirname(file), { recursive: true });
	try {
		// 'wx': two processes starting together must not each keep a different key.
		writeFileSync(file, JSON.stringify(jwk) + '\n', { mode: 0o600, flag: 'wx' });
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readJwkFile(file);
		throw err;
	}
	return jwk;
}
