// The issuer's public key (JWKS), so anyone can check a badge credential without asking us.
import { json } from '@sveltejs/kit';
import { issuerKey } from '$lib/server/credentials/issuer';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () =>
	json(
		{ keys: [(await issuerKey()).publicJwk] },
		{ headers: { 'cache-control': 'public, max-age=3600' } }
	);
