// What the ask-for-help form shows: from a saved request, or from what was just typed.
import type { PlaceType } from './options';

export interface HelpRequestFormValues {
	skill_id: string;
	place_type: PlaceType | '';
	venue_id: string;
	near_lat: string;
	near_lng: string;
	preferred_times: string[];
	notes: string;
	accessibility_needs: string[];
}

export const EMPTY_REQUEST: HelpRequestFormValues = {
	skill_id: '',
	place_type: 'home',
	venue_id: '',
	near_lat: '',
	near_lng: '',
	preferred_times: [],
	notes: '',
	accessibility_needs: []
};

interface SavedRequest {
	skill_id: number;
	place_type: string;
	venue_id: number | null;
	preferred_times: string[];
	notes: string;
	accessibility_needs: string[];
}

const text = (value: number | null) => (value === null ? '' : String(value));
const isPlace = (value: unknown): value is PlaceType =>
	value === 'home' || value === 'venue' || value === 'near_point';

/** `point` is the request's exact chosen point (from request_place), for a near-point request. */
export function valuesFromRequest(
	request: SavedRequest,
	point: { lat: number; lng: number } | null
): HelpRequestFormValues {
	const near = request.place_type === 'near_point' ? point : null;
	return {
		skill_id: String(request.skill_id),
		place_type: isPlace(request.place_type) ? request.place_type : '',
		venue_id: text(request.venue_id),
		near_lat: text(near?.lat ?? null),
		near_lng: text(near?.lng ?? null),
		preferred_times: request.preferred_times,
		notes: request.notes,
		accessibility_needs: request.accessibility_needs
	};
}

export function valuesFromSubmission(values: Record<string, unknown>): HelpRequestFormValues {
	const str = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '');
	const list = (key: string) =>
		Array.isArray(values[key])
			? (values[key] as unknown[]).filter((v): v is string => typeof v === 'string')
			: [];
	return {
		skill_id: str('skill_id'),
		place_type: isPlace(values.place_type) ? values.place_type : '',
		venue_id: str('venue_id'),
		near_lat: str('near_lat'),
		near_lng: str('near_lng'),
		preferred_times: list('preferred_times'),
		notes: str('notes'),
		accessibility_needs: list('accessibility_needs')
	};
}
