// Loads and saves the ask-for-help form (new request and changes to an open one).
import { fail } from '@sveltejs/kit';
import * as areas from '$lib/server/db/areas';
import * as profiles from '$lib/server/db/profiles';
import * as skills from '$lib/server/db/skills';
import * as venues from '$lib/server/db/venues';
import { mapSettings } from '$lib/server/map-settings';
import { parseForm } from '$lib/validation/form';
import { HELP_REQUEST_ARRAY_FIELDS, helpRequestSchema } from '$lib/validation/help-request';

/** Everything the form shows besides its values: skills (searched by `q`), venues, the map. */
export async function loadRequestForm(locals: App.Locals, userId: string, url: URL) {
	const query = (url.searchParams.get('q') ?? '').slice(0, 100);
	const [profile, skillList, venueList] = await Promise.all([
		profiles.get(locals.supabase, userId),
		skills.search(locals.supabase, query),
		venues.list(locals.supabase)
	]);
	const ward = profile?.ward_id ? await areas.getWard(locals.supabase, profile.ward_id) : null;
	return {
		/** Skills matching the search (all of them without one), best match first. */
		skills: skillList,
		/** What was searched for, kept in the search box. */
		query,
		venues: venueList,
		/** The learner's ward: its venues come first and the map opens on its centre. */
		wardId: ward?.id ?? null,
		centre: ward ? { lat: ward.center_lat, lng: ward.center_lng } : null,
		map: mapSettings()
	};
}

/** Validates the posted form; a failure keeps what was typed. */
export async function parseRequestForm(request: Request) {
	const parsed = parseForm(helpRequestSchema, await request.formData(), HELP_REQUEST_ARRAY_FIELDS);
	return parsed.ok ? parsed : fail(400, { errors: parsed.errors, values: parsed.values });
}
