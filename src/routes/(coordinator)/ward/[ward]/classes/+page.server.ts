import { loadForm } from '$lib/forms/server';
import { vietnamInstant } from '$lib/lessons/time';
import * as classes from '$lib/server/db/classes';
import * as skills from '$lib/server/db/skills';
import * as venues from '$lib/server/db/venues';
import { requireWard, runWardForm } from '$lib/server/ward-ops';
import { classSchema } from '$lib/validation/wardops';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const ward = await requireWard(event);
	const { supabase } = event.locals;
	const [list, places, skillList, teachers] = await Promise.all([
		classes.ofWard(supabase, ward.id),
		venues.ofWard(supabase, ward.id),
		skills.listActive(supabase),
		classes.teachers(supabase, ward.id)
	]);
	return {
		/** The ward whose classes these are. */
		ward,
		/** Its classes from a week ago on, soonest first, with seats taken. */
		classes: list,
		/** Where a class may meet. */
		venues: places,
		/** What a class may teach. */
		skills: skillList,
		/** Who may teach: verified volunteers of the ward and its coordinators. */
		teachers,
		/** Schedule a class. */
		form: await loadForm(event, classSchema, { id: 'class' })
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		// The database checks the venue's ward; this only keeps other wards' addresses closed.
		await requireWard(event);
		return runWardForm(event, classSchema, 'class', async (data) => {
			const startsAt = vietnamInstant(data.date, data.time);
			if (!startsAt) return { refuse: { key: 'wardops.refusal.in_the_past', tone: 'error' } };
			await classes.schedule(event.locals.supabase, {
				venueId: data.venue_id,
				skillId: data.skill_id,
				teacherId: data.teacher_id,
				startsAt,
				endsAt: new Date(startsAt.getTime() + data.minutes * 60_000),
				capacity: data.capacity,
				notes: data.notes
			});
			return 'wardops.classes.scheduled';
		});
	}
} satisfies Actions;
