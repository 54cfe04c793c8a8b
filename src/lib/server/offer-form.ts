// Loads the offer-help form from what the volunteer saved before.
import type { RequestEvent } from '@sveltejs/kit';
import { error } from '@sveltejs/kit';
import { loadForm } from '$lib/forms/server';
import { slotBoxes } from '$lib/matching/offer-options';
import * as skills from '$lib/server/db/skills';
import * as volunteerOffers from '$lib/server/db/volunteer-offers';
import { volunteerOfferSchema, type VolunteerOfferInput } from '$lib/validation/volunteer-offer';

export const OFFER_FORM = 'volunteer-offer';

export async function loadOfferForm(
	event: Pick<RequestEvent, 'cookies' | 'url' | 'locals'>,
	userId: string
) {
	const { supabase } = event.locals;
	const [offer, skillList] = await Promise.all([
		volunteerOffers.get(supabase, userId),
		skills.listActive(supabase)
	]);
	if (!offer) error(404, 'Not found');
	const levels = new Map(offer.skills.map((s) => [s.skill_id, s.level]));
	// "Pay it forward" (badges page) links here with ?skill=<id>: that skill comes pre-chosen.
	const invited = Number(event.url.searchParams.get('skill'));
	if (skillList.some((s) => s.id === invited) && !levels.has(invited)) {
		levels.set(invited, 'confident');
	}
	const saved = {
		skills: skillList.map((s) => `${s.id}:${levels.get(s.id) ?? 'none'}`),
		radius_m: offer.teachingRadiusM,
		slots: [...new Set(offer.slots.flatMap(slotBoxes))] as VolunteerOfferInput['slots'],
		places: offer.teachingPlaces as VolunteerOfferInput['places'],
		languages: offer.languages as VolunteerOfferInput['languages']
	} satisfies VolunteerOfferInput;
	return {
		form: await loadForm(event, volunteerOfferSchema, { id: OFFER_FORM, data: saved }),
		/** Every skill that can be offered, in the order of the form's selects. */
		skills: skillList
	};
}
