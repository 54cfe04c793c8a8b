// The ward office changes the number a person signs in with (migration 20261203070000). The
// database checks the ward and records the request; the service role then sets the phone through
// GoTrue's admin API, and a database trigger ends her sessions and leaves her a notice.
// Relative imports only, like the other data modules.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Supabase } from '../../types/db';
import { check } from './errors';

export interface WardPerson {
	id: string;
	display_name: string | null;
}

/** A refusal the coordinator can act on, shown under the new number. */
export type PhoneRefusal = 'phone_taken' | 'phone_same';

/** The person of the ward who signs in with this number (E.164), or null; the look-up is audited. */
export async function personByPhone(
	db: Supabase,
	wardId: number,
	phone: string
): Promise<WardPerson | null> {
	const data = check(
		'ward_person_by_phone',
		await db.rpc('ward_person_by_phone', { p_ward_id: wardId, p_phone: phone })
	);
	return (data as WardPerson | null) ?? null;
}

/** A person of the ward by id (the coordinators' read of profiles), or null. */
export async function personInWard(
	db: Supabase,
	wardId: number,
	id: string
): Promise<WardPerson | null> {
	return check(
		'person in ward',
		await db
			.from('profiles')
			.select('id, display_name')
			.eq('id', id)
			.eq('ward_id', wardId)
			.maybeSingle()
	);
}

/**
 * Records the request as the signed-in coordinator; a number of another account or her current
 * one comes back as a refusal, anything else (another ward: 42501) throws.
 */
export async function requestChange(
	db: Supabase,
	input: { wardId: number; profileId: string; phone: string; method: string }
): Promise<{ refused: PhoneRefusal } | { refused: null; id: number }> {
	const result = await db.rpc('ward_change_phone', {
		p_ward_id: input.wardId,
		p_profile_id: input.profileId,
		p_new_phone: input.phone,
		p_method: input.method
	});
	if (result.error?.code === '23505') return { refused: 'phone_taken' };
	if (result.error?.details === 'phone_same') return { refused: 'phone_same' };
	const data = check('ward_change_phone', result) as { id: number };
	return { refused: null, id: data.id };
}

/**
 * Sets the phone with the service role (GoTrue's admin path, confirmed at once). GoTrue answers
 * 422 phone_exists when another account took the number in between.
 */
export async function setSignInPhone(
	admin: Pick<SupabaseClient, 'auth'>,
	profileId: string,
	phone: string
): Promise<{ refused: PhoneRefusal | null }> {
	const { error } = await admin.auth.admin.updateUserById(profileId, {
		phone,
		phone_confirm: true
	});
	if (!error) return { refused: null };
	if (error.code === 'phone_exists') return { refused: 'phone_taken' };
	throw new Error(`auth.admin.updateUserById: ${error.code ?? error.status} ${error.message}`);
}
