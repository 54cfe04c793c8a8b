// Who may create a group where: the wards they coordinate, and their own ward when they are a
// volunteer it verified (the database checks the same; this only picks the choices to offer).
import * as coordinators from '$lib/server/db/coordinators';
import * as groups from '$lib/server/db/groups';
import type { Supabase } from '$lib/types/db';
import type { ProfileSummary } from '$lib/types/profiles';

export async function creatableWards(
	supabase: Supabase,
	userId: string,
	profile: ProfileSummary | null
): Promise<number[]> {
	const [coordinated, verified] = await Promise.all([
		coordinators.wardsOf(supabase, userId),
		profile?.ward_id && profile.can_teach
			? groups.isVerifiedIn(supabase, userId, profile.ward_id)
			: Promise.resolve(false)
	]);
	const wards = new Set(coordinated);
	if (verified && profile?.ward_id) wards.add(profile.ward_id);
	return [...wards];
}
