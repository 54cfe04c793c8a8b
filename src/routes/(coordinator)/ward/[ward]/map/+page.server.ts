import * as wardBoard from '$lib/server/db/ward-board';
import { mapSettings } from '$lib/server/map-settings';
import type { MapCell } from '$lib/server/db/matching';
import type { PageServerLoad } from './$types';

/** Unmet demand against available volunteers, counted per grid cell (never a home). */
export const load = (async ({ locals, parent }) => {
	const { ward } = await parent();
	const points = await wardBoard.demandMap(locals.supabase, ward.id);
	// Requests come per (cell, skill): the map counts a cell once, whatever the skills.
	const cells = new Map<string, MapCell>();
	for (const point of points) {
		const kind = point.kind === 'request' ? 'requests' : 'volunteers';
		const key = `${kind}:${point.lat}:${point.lng}`;
		const cell = cells.get(key);
		if (cell) cell.count += point.count;
		else
			cells.set(key, {
				kind,
				lat: point.lat,
				lng: point.lng,
				count: point.count,
				venue_id: null as unknown as number,
				name_vi: null as unknown as string,
				name_en: null as unknown as string
			});
	}
	return {
		/** Counted cells of open requests and available volunteers of this ward. */
		cells: [...cells.values()],
		centre: { lat: ward.center_lat, lng: ward.center_lng },
		map: mapSettings()
	};
}) satisfies PageServerLoad;
