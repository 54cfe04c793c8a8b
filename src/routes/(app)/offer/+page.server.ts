import { error, fail } from '@sveltejs/kit';
import { signedInUserId } from '$lib/server/auth/user';
import * as skills from '$lib/server/db/skills';
import * as volunteerOffers from '$lib/server/db/volunteer-offers';
import { parseForm } from '$lib/validation/form';
import { OFFER_ARRAY_FIELDS, volunteerOfferSchema } from '$lib/validation/volunteer-offer';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, parent }) => {
	const { userId } = await parent();
	const [offer, skillList] = await Promise.all([
		volunteerOffers.get(locals.supabase, userId),
		skills.listActive(locals.supabase)
	]);
	if (!offer) error(404, 'Not found');
	/** The saved offer and every skill that can be offered. */
	return { offer, skills: skillList };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, request }) => {
		signedInUserId(locals);
		const parsed = parseForm(volunteerOfferSchema, await request.formData(), OFFER_ARRAY_FIELDS);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		await volunteerOffers.save(locals.supabase, parsed.data);
		return { saved: true };
	}
} satisfies Actions;
