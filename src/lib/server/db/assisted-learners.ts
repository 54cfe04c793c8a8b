// Neighbours registered in person by a verified volunteer or a ward coordinator.
import { CONSENT_VERSIONS } from './consents';
import type { Supabase } from '../../types/db';
import { checkList } from './errors';

/** The person and their first request, as the helper recorded them. */
export interface AssistedLearnerInput {
	display_name: string;
	/** E.164 (+84…), or '' when they have no phone. */
	phone: string;
	ward_id: number;
	lat: number | null;
	lng: number | null;
	skill_id: number;
	preferred_times: string[];
	accessibility_needs: string[];
	notes: string;
}

export interface Registered {
	learnerId: string;
	requestId: number;
	/** Shown once, for the helper to write down for the person. */
	claimCode: string;
}

/**
 * Registers the person, records their consent, keeps their approximate place and asks for help on
 * their behalf: one database call, one transaction.
 */
export async function register(
	supabase: Supabase,
	input: AssistedLearnerInput
): Promise<Registered> {
	const rows = checkList(
		'assistedLearners.register',
		await supabase.rpc('register_assisted_learner', {
			p_display_name: input.display_name,
			p_ward_id: input.ward_id,
			p_skill_id: input.skill_id,
			p_consent_version: CONSENT_VERSIONS.personal_data,
			...(input.phone ? { p_phone: input.phone } : {}),
			...(input.lat !== null && input.lng !== null ? { p_lat: input.lat, p_lng: input.lng } : {}),
			p_accessibility_needs: input.accessibility_needs,
			p_preferred_times: input.preferred_times,
			p_notes: input.notes,
			p_place_type: 'home'
		})
	);
	const row = rows[0];
	if (!row) throw new Error('assistedLearners.register: no row returned');
	return { learnerId: row.learner_id, requestId: row.request_id, claimCode: row.claim_code };
}
