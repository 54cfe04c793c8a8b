import { loadForm } from '$lib/forms/server';
import { minutesBetween, vietnamInstant, vietnamParts } from '$lib/lessons/time';
import * as classes from '$lib/server/db/classes';
import * as skills from '$lib/server/db/skills';
import * as venues from '$lib/server/db/venues';
import { requireWard, runWardForm } from '$lib/server/ward-ops';
import { classCancelSchema, classEditSchema, classSchema } from '$lib/validation/wardops';
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
	// Only a class still to come can change; any other `?edit=` shows the page without the forms.
	const editing = list.find(
		(c) =>
			c.id === Number(event.url.searchParams.get('edit')) &&
			c.status === 'scheduled' &&
			new Date(c.starts_at) > new Date()
	);
	const edit = editing && {
		session_id: editing.id,
		venue_id: editing.venue_id ?? 0,
		...vietnamParts(editing.starts_at),
		minutes: minutesBetween(editing.starts_at, editing.ends_at),
		capacity: editing.capacity
	};
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
		form: await loadForm(event, classSchema, { id: 'class' }),
		/** The class of `?edit=` (scheduled, not started), if any. */
		editing: editing ?? null,
		/** Change its time, seats or venue. */
		editForm: await loadForm(event, classEditSchema, { id: 'class-edit', data: edit }),
		/** Or cancel it, with a reason for the learners. */
		cancelForm: await loadForm(event, classCancelSchema, {
			id: 'class-cancel',
			data: editing && { session_id: editing.id }
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	schedule: async (event) => {
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
	},
	edit: async (event) => {
		await requireWard(event);
		return runWardForm(event, classEditSchema, 'class-edit', async (data) => {
			const startsAt = vietnamInstant(data.date, data.time);
			if (!startsAt) return { refuse: { key: 'wardops.refusal.in_the_past', tone: 'error' } };
			await classes.edit(event.locals.supabase, data.session_id, {
				startsAt,
				endsAt: new Date(startsAt.getTime() + data.minutes * 60_000),
				capacity: data.capacity,
				venueId: data.venue_id
			});
			return 'wardops.classes.saved';
		});
	},
	cancel: async (event) => {
		await requireWard(event);
		return runWardForm(event, classCancelSchema, 'class-cancel', async (data) => {
			await classes.cancel(event.locals.supabase, data.session_id, data.reason);
			return 'wardops.classes.cancelled';
		});
	}
} satisfies Actions;
