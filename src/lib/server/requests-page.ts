// What pages that show requests need besides the rows: skills and venues to name them.
import * as helpRequests from '$lib/server/db/help-requests';
import * as skills from '$lib/server/db/skills';
import * as venues from '$lib/server/db/venues';
import type { SkillOption } from '$lib/server/db/skills';
import type { VenueOption } from '$lib/server/db/venues';
import { fail } from '@sveltejs/kit';

export interface Lookups {
	skills: Record<number, SkillOption>;
	venues: Record<number, VenueOption>;
}

export async function loadLookups(supabase: App.Locals['supabase']): Promise<Lookups> {
	const [skillList, venueList] = await Promise.all([
		skills.listActive(supabase),
		venues.list(supabase)
	]);
	return {
		skills: Object.fromEntries(skillList.map((s) => [s.id, s])),
		venues: Object.fromEntries(venueList.map((v) => [v.id, v]))
	};
}

/** The cancel action shared by "my requests" and a request's page. */
export async function cancelAction({ locals, request }: { locals: App.Locals; request: Request }) {
	const id = Number((await request.formData()).get('id'));
	if (!Number.isSafeInteger(id) || id <= 0) return fail(400, { cancelError: true });
	const done = await helpRequests.cancel(locals.supabase, id);
	return done ? { cancelled: id } : fail(409, { cancelError: true });
}
