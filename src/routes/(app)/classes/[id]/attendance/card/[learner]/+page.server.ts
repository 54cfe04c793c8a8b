import { error, type RequestEvent } from '@sveltejs/kit';
import { goWithMessage, loadForm, readForm, rejectForm } from '$lib/forms/server';
import * as classes from '$lib/server/db/classes';
import * as coordinators from '$lib/server/db/coordinators';
import * as deviceCards from '$lib/server/db/device-cards';
import { signedInUserId } from '$lib/server/auth/user';
import { CARD_MINUTES, classCardSchema, type DeviceAction } from '$lib/validation/device-card';
import type { Actions, PageServerLoad } from './$types';

const FORM = 'class-card';
const OPEN = new Set(['accepted', 'no_show']);

/**
 * The class and the learner whose card is read on the tablet: the class's teacher or a
 * coordinator of its ward only, a learner still to be marked present, a phone-touching skill.
 * Anything else is a 404, as on the attendance page.
 */
async function classAndLearner(event: RequestEvent) {
	const { supabase } = event.locals;
	const me = signedInUserId(event.locals);
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id < 1) error(404, 'Not found');
	const lesson = await classes.get(supabase, id);
	if (!lesson) error(404, 'Not found');
	const wards = await coordinators.wardsOf(supabase, me);
	if (lesson.teacher_id !== me && !wards.includes(lesson.ward_id)) error(404, 'Not found');
	if (!(await deviceCards.skillTouchesPhone(supabase, lesson.skill_id))) error(404, 'Not found');
	const learner = (await classes.roster(supabase, id)).find(
		(p) => p.profile_id === event.params.learner && OPEN.has(p.status)
	);
	if (!learner) error(404, 'Not found');
	return { lesson, learner };
}

export const load = (async (event) => {
	const { lesson, learner } = await classAndLearner(event);
	const card = (await deviceCards.forClass(event.locals.supabase, lesson.id)).find(
		(c) => c.learner_id === learner.profile_id
	);
	const length = (Date.parse(lesson.ends_at) - Date.parse(lesson.starts_at)) / 60_000;
	const fits = CARD_MINUTES.filter((m) => m <= length);
	return {
		lesson,
		learner,
		/** Only the lengths the class can hold (the database refuses longer). */
		minutes: fits.length ? fits : [CARD_MINUTES[0]],
		form: await loadForm(event, classCardSchema, {
			id: FORM,
			data: {
				learner_id: learner.profile_id,
				actions: (card?.actions ?? ['show_on_own_phone', 'hold_phone']) as DeviceAction[],
				minutes: card?.minutes ?? fits.at(-1) ?? CARD_MINUTES[0],
				codes_rule: false,
				learner_agrees: false
			}
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { lesson, learner } = await classAndLearner(event);
		const form = await readForm(event, classCardSchema, FORM);
		if (!form.valid) return rejectForm(event, form);
		try {
			await deviceCards.confirmOnTablet(event.locals.supabase, lesson.id, {
				learnerId: learner.profile_id,
				actions: form.data.actions,
				minutes: form.data.minutes,
				codesRule: form.data.codes_rule,
				learnerAgrees: form.data.learner_agrees
			});
		} catch (caught) {
			if (!(caught instanceof deviceCards.ClassCardRefusal)) throw caught;
			return rejectForm(event, form, {
				message: { key: `consent.class_card.refusal.${caught.reason}`, tone: 'error' }
			});
		}
		goWithMessage(event, `/classes/${lesson.id}/attendance`, 'attendance', {
			key: 'consent.class_card.agreed',
			values: { name: learner.display_name },
			tone: 'ok'
		});
	}
} satisfies Actions;
