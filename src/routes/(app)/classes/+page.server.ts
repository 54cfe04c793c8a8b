import * as classes from '$lib/server/db/classes';
import * as deviceCards from '$lib/server/db/device-cards';
import { loadNotice, runWardButton } from '$lib/server/ward-ops';
import { classPlaceSchema } from '$lib/validation/wardops';
import type { Actions, PageServerLoad } from './$types';

const NOTICE = 'classes';

export const load = (async (event) => {
	const wardId = event.locals.profile?.ward_id ?? null;
	return {
		/** Classes of my ward open for sign-up, soonest first, with seats left and my place. */
		classes: await classes.open(event.locals.supabase, wardId),
		/** Skills whose classes need the phone consent card (the learner may confirm it beforehand). */
		phoneSkills: await deviceCards.phoneSkillIds(event.locals.supabase),
		/** What the last sign-up did. */
		notice: await loadNotice(event, NOTICE)
	};
}) satisfies PageServerLoad;

export const actions = {
	join: (event) =>
		runWardButton(event, classPlaceSchema, NOTICE, async ({ session_id }) => {
			await classes.join(event.locals.supabase, session_id);
			return 'wardops.signup.joined';
		}),
	leave: (event) =>
		runWardButton(event, classPlaceSchema, NOTICE, async ({ session_id }) => {
			await classes.leave(event.locals.supabase, session_id, 'left_class');
			return 'wardops.signup.left';
		})
} satisfies Actions;
