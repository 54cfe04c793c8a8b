// The deployment's badge issuer: its key (from settings, or kept locally) loaded once per process,
// and the signed credential of one of the caller's awards.
import { env } from '$env/dynamic/private';
import * as credentials from '$lib/server/db/credentials';
import type { Locale } from '$lib/i18n/config';
import { translate } from '$lib/i18n/translate';
import type { Supabase } from '$lib/types/db';
import { issuerJwkFrom, issuerKeyFrom, type IssuerKey } from './issuer-key';
import { buildCredential, signCredential } from './open-badge';

let key: Promise<IssuerKey> | undefined;

/** The issuer key; a failed load (no key in production) is retried on the next call. */
export function issuerKey(): Promise<IssuerKey> {
	key ??= issuerJwkFrom(env)
		.then(issuerKeyFrom)
		.catch((err: unknown) => {
			key = undefined;
			throw err;
		});
	return key;
}

/** The VC-JWT of one of the caller's own awards, in their language, or null when not theirs. */
export async function signedAward(
	supabase: Supabase,
	awardId: number,
	profileId: string,
	locale: Locale,
	origin: string
) {
	const award = await credentials.ownAward(supabase, awardId, profileId);
	if (!award?.badge) return null;
	const en = locale === 'en';
	const credential = buildCredential(
		{
			token: award.verify_token,
			salt: award.recipient_salt,
			profileId: award.profile_id,
			awardedAt: award.awarded_at,
			badge: {
				slug: award.badge.slug,
				kind: award.badge.kind,
				name: en ? award.badge.name_en : award.badge.name_vi,
				description: en ? award.badge.description_en : award.badge.description_vi,
				criteria: translate(locale, 'credentials.criteria')
			}
		},
		origin
	);
	return { jwt: await signCredential(credential, await issuerKey()), slug: award.badge.slug };
}
