// Loads and saves the ask-for-help form (a new request, and changes to an open one).
import type { RequestEvent } from '@sveltejs/kit';
import { loadForm, readForm } from '$lib/forms/server';
import * as areas from '$lib/server/db/areas';
import * as profiles from '$lib/server/db/profiles';
import * as skills from '$lib/server/db/skills';
import * as venues from '$lib/server/db/venues';
import { mapSettings } from '$lib/server/map-settings';
import { helpRequestSchema, type HelpRequestInput } from '$lib/validation/help-request';

/** Superforms id: the new and the edit page each keep their own flashed state by path. */
export const REQUEST_FORM = 'help-request';

export const EMPTY_REQUEST: HelpRequestInput = {
	skill_id: 0,
	place_type: 'home',
	venue_id: 0,
	near_lat: null,
	near_lng: null,
	preferred_times: [],
	notes: '',
	accessibility_needs: []
};

/** The form, and what it shows besides its values: skills (searched by `q`), venues, the map. */
export async function loadRequestForm(
	event: Pick<RequestEvent, 'cookies' | 'url' | 'locals'>,
	userId: string,
	saved: HelpRequestInput = EMPTY_REQUEST
) {
	const { locals, url } = event;
	const query = (url.searchParams.get('q') ?? '').slice(0, 100);
	const [profile, wardGroups, skillList, venueList, form] = await Promise.all([
		profiles.get(locals.supabase, userId),
		areas.listWards(locals.supabase),
		skills.search(locals.supabase, query),
		venues.list(locals.supabase),
		loadForm(event, helpRequestSchema, { id: REQUEST_FORM, data: saved })
	]);
	const ward = wardGroups.flatMap((g) => g.wards).find((w) => w.id === profile?.ward_id);
	return {
		form,
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

export function readRequestForm(event: RequestEvent) {
	return readForm(event, helpRequestSchema, REQUEST_FORM);
}
