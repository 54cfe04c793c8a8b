// The fixed choices of a help request, shared by the form, its schema and the pages that show it.
export const PLACE_TYPES = ['home', 'venue', 'near_point'] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

export const DAY_PARTS = ['weekday', 'weekend'] as const;
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
/** The database's preferred_times values: weekday_morning ... weekend_evening. */
export const PREFERRED_TIMES = DAY_PARTS.flatMap((day) =>
	TIMES_OF_DAY.map((time) => `${day}_${time}` as const)
);
export type PreferredTime = (typeof PREFERRED_TIMES)[number];

/** Needs a teacher should know about before coming (matches the seed's vocabulary). */
export const ACCESSIBILITY_NEEDS = [
	'large_text',
	'low_vision',
	'hearing',
	'wheelchair',
	'slow_pace'
] as const;
export type AccessibilityNeed = (typeof ACCESSIBILITY_NEEDS)[number];

export const REQUEST_STATUSES = ['open', 'scheduled', 'completed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
