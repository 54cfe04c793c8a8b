// The fixed choices of the offer-help form, and how weekly slots map to them.
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const PARTS = ['morning', 'afternoon', 'evening'] as const;
export type Part = (typeof PARTS)[number];
export const LEVELS = ['beginner', 'confident', 'expert'] as const;
export const RADII_M = [1000, 2000, 3000, 5000, 10000, 20000] as const;
export const TEACHING_PLACES = ['home', 'venue', 'near_point'] as const;

/** The time a ticked box saves; inside the database's buckets (06-12, 12-17, 17-22). */
export const PART_TIMES: Record<Part, { start: string; end: string }> = {
	morning: { start: '08:00', end: '11:30' },
	afternoon: { start: '14:00', end: '17:00' },
	evening: { start: '18:00', end: '21:00' }
};

const BUCKETS: Record<Part, [string, string]> = {
	morning: ['06:00', '12:00'],
	afternoon: ['12:00', '17:00'],
	evening: ['17:00', '22:00']
};

/** The boxes ("2_evening") a saved slot ticks: every part of the day it overlaps. */
export function slotBoxes(slot: { weekday: number; start_time: string; end_time: string }) {
	const start = slot.start_time.slice(0, 5);
	const end = slot.end_time.slice(0, 5);
	return PARTS.filter((part) => start < BUCKETS[part][1] && end > BUCKETS[part][0]).map(
		(part) => `${slot.weekday}_${part}`
	);
}
