// The issuer's Open Badges 3.0 Profile: the `issuer.id` every credential names, with its key.
import { json } from '@sveltejs/kit';
import { issuerKey } from '$lib/server/credentials/issuer';
import { ISSUER_NAME, OB3_CONTEXT, issuerUrls } from '$lib/server/credentials/open-badge';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const urls = issuerUrls(url.origin);
	const { publicJwk } = await issuerKey();
	return json(
		{
			'@context': OB3_CONTEXT,
			id: urls.issuer,
			type: ['Profile'],
			name: ISSUER_NAME,
			url: url.origin,
			jwks: urls.jwks,
			publicKey: publicJwk
		},
		{ headers: { 'cache-control': 'public, max-age=3600' } }
	);
};
