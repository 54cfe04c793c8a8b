// One way for tests to record consents with the service key, as sign-up and onboarding do (the
// database refuses requests, offers and lessons without the personal-data consent in force). The
// integration helper `recordConsent` and the e2e helper `recordConsents` both use it.
import type { SupabaseClient } from '@supabase/supabase-js';
import { CONSENT_VERSIONS, type ConsentKind } from '../src/lib/server/db/consents';

export { CONSENT_VERSIONS };

/** Records one consent row per kind given (by default every consent in force), given by the person. */
export async function recordConsentRows(
	admin: SupabaseClient,
	profileId: string,
	versions: Partial<Record<ConsentKind, string>> = CONSENT_VERSIONS
): Promise<void> {
	const { error } = await admin.from('consents').insert(
		Object.entries(versions).map(([kind, version]) => ({
			profile_id: profileId,
			kind,
			version,
			recorded_by: profileId
		}))
	);
	if (error) throw new Error(error.message);
}
