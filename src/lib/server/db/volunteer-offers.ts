// What a volunteer offers: skills and levels, radius, weekly slots, places, languages.
import type { Supabase } from '../../types/db';
import { check, checkList } from './errors';

/** The arguments of save_volunteer_offer. */
export interface VolunteerOfferSave {
	skills: { skill_id: number; level: string }[];
	teaching_radius_m: number;
	slots: { weekday: number; start: string; end: string }[];
	places: string[];
	languages: string[];
}

export interface VolunteerOffer {
	canTeach: boolean;
	teachingRadiusM: number;
	teachingPlaces: string[];
	languages: string[];
	skills: { skill_id: number; level: string }[];
	slots: { weekday: number; start_time: string; end_time: string }[];
}

export async function get(supabase: Supabase, profileId: string): Promise<VolunteerOffer | null> {
	const [profile, skills, slots] = await Promise.all([
		supabase
			.from('profiles')
			.select('can_teach, teaching_radius_m, teaching_places, languages')
			.eq('id', profileId)
			.maybeSingle(),
		supabase.from('volunteer_skills').select('skill_id, level').eq('profile_id', profileId),
		supabase
			.from('availability_slots')
			.select('weekday, start_time, end_time')
			.eq('profile_id', profileId)
			.order('weekday')
	]);
	const row = check('volunteerOffers.getProfile', profile);
	if (!row) return null;
	return {
		canTeach: row.can_teach,
		teachingRadiusM: row.teaching_radius_m,
		teachingPlaces: row.teaching_places,
		languages: row.languages,
		skills: checkList('volunteerOffers.getSkills', skills),
		slots: checkList('volunteerOffers.getSlots', slots)
	};
}

/** Saves the whole offer in one database call (one transaction) and makes the person a volunteer. */
/** Refusals the database gives a person who may not offer (yet), which the page puts in words. */
export type OfferRefusal = 'too_young_to_teach' | 'consent_required';
const OFFER_REFUSALS: readonly string[] = ['too_young_to_teach', 'consent_required'];

/** Saves the offer; a person under 16 or without the consent in force gets a refusal key. */
export async function save(
	supabase: Supabase,
	input: VolunteerOfferSave
): Promise<OfferRefusal | null> {
	const result = await supabase.rpc('save_volunteer_offer', {
		p_skills: input.skills,
		p_teaching_radius_m: input.teaching_radius_m,
		p_slots: input.slots,
		p_places: input.places,
		p_languages: input.languages
	});
	const details = result.error?.details ?? '';
	if (OFFER_REFUSALS.includes(details)) return details as OfferRefusal;
	check('volunteerOffers.save', result);
	return null;
}
