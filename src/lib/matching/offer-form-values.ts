// What the offer-help form shows: from the saved offer, or from what was just typed.
import { slotBoxes } from './offer-options';

export interface OfferFormValues {
	skills: string[];
	levels: Record<string, string>;
	radius_m: string;
	slots: string[];
	places: string[];
	languages: string[];
}

interface SavedOffer {
	teachingRadiusM: number;
	teachingPlaces: string[];
	languages: string[];
	skills: { skill_id: number; level: string }[];
	slots: { weekday: number; start_time: string; end_time: string }[];
}

export function valuesFromOffer(offer: SavedOffer): OfferFormValues {
	return {
		skills: offer.skills.map((s) => String(s.skill_id)),
		levels: Object.fromEntries(offer.skills.map((s) => [String(s.skill_id), s.level])),
		radius_m: String(offer.teachingRadiusM),
		slots: [...new Set(offer.slots.flatMap(slotBoxes))],
		places: offer.teachingPlaces,
		languages: offer.languages
	};
}

export function offerValuesFromSubmission(values: Record<string, unknown>): OfferFormValues {
	const list = (key: string) =>
		Array.isArray(values[key])
			? (values[key] as unknown[]).filter((v): v is string => typeof v === 'string')
			: [];
	const levels: Record<string, string> = {};
	for (const [key, value] of Object.entries(values)) {
		if (key.startsWith('level_') && typeof value === 'string') levels[key.slice(6)] = value;
	}
	return {
		skills: list('skills'),
		levels,
		radius_m: typeof values.radius_m === 'string' ? values.radius_m : '3000',
		slots: list('slots'),
		places: list('places'),
		languages: list('languages')
	};
}
