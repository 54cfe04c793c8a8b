import { acceptForm, readForm, rejectForm } from '$lib/forms/server';
import { signedInUserId } from '$lib/server/auth/user';
import * as volunteerOffers from '$lib/server/db/volunteer-offers';
import { loadOfferForm, OFFER_FORM } from '$lib/server/offer-form';
import { offerToSave, volunteerOfferSchema } from '$lib/validation/volunteer-offer';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { userId } = await event.parent();
	return loadOfferForm(event, userId);
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		signedInUserId(event.locals);
		const form = await readForm(event, volunteerOfferSchema, OFFER_FORM);
		if (!form.valid) return rejectForm(event, form);
		const refused = await volunteerOffers.save(event.locals.supabase, offerToSave(form.data));
		if (refused) {
			return rejectForm(event, form, {
				message: { key: `lessons.refusal.${refused}`, tone: 'error' }
			});
		}
		return acceptForm(event, form, { key: 'matching.offer.saved', tone: 'ok' });
	}
} satisfies Actions;
