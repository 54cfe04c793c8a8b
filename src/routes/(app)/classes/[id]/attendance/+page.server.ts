import { error } from '@sveltejs/kit';
import * as classes from '$lib/server/db/classes';
import * as coordinators from '$lib/server/db/coordinators';
import * as deviceCards from '$lib/server/db/device-cards';
import * as skills from '$lib/server/db/skills';
import * as venues from '$lib/server/db/venues';
import { goWithMessage, pageUrl } from '$lib/forms/server';
import { loadNotice, runWardButton } from '$lib/server/ward-ops';
import { attendanceSchema } from '$lib/validation/wardops';
import type { Actions, PageServerLoad } from './$types';

const NOTICE = 'attendance';

/**
 * The shared tablet's page: the class's teacher or a coordinator of its ward only (a learner of
 * the class, who can read the class itself, gets a 404 like everyone else).
 */
export const load = (async (event) => {
	const { userId } = await event.parent();
	const { supabase } = event.locals;
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id < 1) error(404, 'Not found');
	const lesson = await classes.get(supabase, id);
	if (!lesson) error(404, 'Not found');
	const wards = await coordinators.wardsOf(supabase, userId);
	if (lesson.teacher_id !== userId && !wards.includes(lesson.ward_id)) error(404, 'Not found');
	const [roster, skillList, places, touchesPhone] = await Promise.all([
		classes.roster(supabase, id),
		skills.listActive(supabase),
		venues.list(supabase),
		deviceCards.skillTouchesPhone(supabase, lesson.skill_id)
	]);
	return {
		/** The class being taken. */
		lesson,
		/** Its learners with their marks (names only). */
		roster,
		/** The skill taught. */
		skill: skillList.find((s) => s.id === lesson.skill_id) ?? null,
		/** Where it meets. */
		venue: places.find((v) => v.id === lesson.venue_id) ?? null,
		/** Each learner's phone consent card, when the skill touches her phone (else null). */
		cards: touchesPhone ? await deviceCards.forClass(supabase, id) : null,
		/** What the last mark did. */
		notice: await loadNotice(event, NOTICE)
	};
}) satisfies PageServerLoad;

export const actions = {
	mark: (event) =>
		runWardButton(event, attendanceSchema, NOTICE, async (data) => {
			const id = Number(event.params.id);
			let mark: string | null;
			try {
				// Present goes through the card's module: the database holds it up without a card.
				mark = data.present
					? await deviceCards.markPresent(event.locals.supabase, id, data.profile_id)
					: await classes.mark(event.locals.supabase, id, data.profile_id, false);
			} catch (caught) {
				if (!(caught instanceof deviceCards.ClassCardRefusal)) throw caught;
				goWithMessage(event, pageUrl(event.url), NOTICE, {
					key: `consent.class_card.refusal.${caught.reason}`,
					tone: 'error'
				});
			}
			return mark === 'attended'
				? 'wardops.attendance.marked_present'
				: 'wardops.attendance.marked_absent';
		})
} satisfies Actions;
