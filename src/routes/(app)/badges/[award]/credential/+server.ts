// Download one of the caller's awards as a signed Open Badges 3.0 credential (VC-JWT).
import { error } from '@sveltejs/kit';
import { signedAward } from '$lib/server/credentials/issuer';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, url }) => {
	const id = Number(params.award);
	if (!locals.user || !Number.isSafeInteger(id) || id < 1) error(404, 'Not found');
	const signed = await signedAward(locals.supabase, id, locals.user.id, locals.locale, url.origin);
	if (!signed) error(404, 'Not found');
	return new Response(signed.jwt, {
		headers: {
			'content-type': 'application/vc+jwt; charset=utf-8',
			'content-disposition': `attachment; filename="badge-${signed.slug}.jwt"`,
			'cache-control': 'private, no-store'
		}
	});
};
