import { loadForm } from '$lib/forms/server';
import * as venues from '$lib/server/db/venues';
import { requireWard, runWardForm } from '$lib/server/ward-ops';
import { venueSchema } from '$lib/validation/wardops';
import type { Device, VenueKind } from '$lib/wardops/codes';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const ward = await requireWard(event);
	const list = await venues.ofWard(event.locals.supabase, ward.id);
	const editing = list.find((v) => v.id === Number(event.url.searchParams.get('edit')));
	return {
		/** The ward whose venues these are. */
		ward,
		/** Its venues with their devices, by name. */
		venues: list,
		/** Add a venue (at the ward's centre until moved), or edit the one in `?edit=`. */
		form: await loadForm(event, venueSchema, {
			id: 'venue',
			data: editing
				? {
						...editing,
						kind: editing.kind as VenueKind,
						devices: editing.devices as Device[],
						capacity: editing.capacity ?? 0
					}
				: { lat: ward.center_lat, lng: ward.center_lng }
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const ward = await requireWard(event);
		return runWardForm(event, venueSchema, 'venue', async ({ id, capacity, ...rest }) => {
			const input = { ...rest, capacity: capacity > 0 ? capacity : null };
			if (id === 0) {
				await venues.create(event.locals.supabase, ward.id, input);
				return 'wardops.venues.added';
			}
			if (!(await venues.update(event.locals.supabase, ward.id, id, input))) {
				return { refuse: { key: 'wardops.refusal.not_allowed', tone: 'error' } };
			}
			return 'wardops.venues.saved';
		});
	}
} satisfies Actions;
