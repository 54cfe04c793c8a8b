// Checks a badge credential: POST JSON `{ "credential": "<VC-JWT>" }` (or the VC-JWT itself as
// `application/vc+jwt`; a text/plain body from another site is refused as a form); the answer
// is `{ valid: true, … }` or `{ valid: false, reason }`. An award since erased is `revoked`.
import { error, json } from '@sveltejs/kit';
import { issuerKey } from '$lib/server/credentials/issuer';
import { verifyCredential } from '$lib/server/credentials/open-badge';
import * as credentials from '$lib/server/db/credentials';
import { supabaseAdmin } from '$lib/server/supabase-admin';
import type { RequestHandler } from './$types';

const MAX_BYTES = 16_384;

async function jwtFrom(request: Request): Promise<string | null> {
	const text = await request.text();
	if (text.length > MAX_BYTES) return null;
	if (!request.headers.get('content-type')?.includes('json')) return text.trim();
	try {
		const body = JSON.parse(text) as { credential?: unknown };
		return typeof body.credential === 'string' ? body.credential.trim() : null;
	} catch {
		return null;
	}
}

export const POST: RequestHandler = async ({ request, url }) => {
	const jwt = await jwtFrom(request);
	if (!jwt) return json({ valid: false, reason: 'malformed' }, { status: 400 });
	const result = await verifyCredential(jwt, (await issuerKey()).publicJwk, url.origin);
	if (!result.valid) return json(result);
	const admin = supabaseAdmin();
	if (!admin) error(503, 'Verification is not configured');
	if (!(await credentials.byToken(admin, result.token))) {
		return json({ valid: false, reason: 'revoked' });
	}
	const { credential } = result;
	return json({
		valid: true,
		id: credential.id,
		achievement: credential.credentialSubject.achievement.name,
		validFrom: credential.validFrom
	});
};
