// The lesson page's form actions. Each reads its own form, calls one database verb, and either
// goes back to the lesson saying what happened (post-redirect-get, with or without JavaScript) or
// answers the form with the refusal in words (`lessons.refusal.<key>`).
import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { ZodValidationSchema } from 'sveltekit-superforms/adapters';
import type { FormMessage } from '$lib/forms/messages';
import { goWithMessage, loadForm, readForm, rejectForm } from '$lib/forms/server';
import { signedInUserId } from '$lib/server/auth/user';
import * as deviceCards from '$lib/server/db/device-cards';
import * as lessons from '$lib/server/db/lessons';
import { LessonRefusal } from '$lib/server/db/lessons';
import { vietnamInstant } from '$lib/lessons/time';
import {
	answerSchema,
	cancelSchema,
	confirmForSchema,
	confirmSchema,
	feedbackSchema,
	noShowSchema,
	rescheduleSchema
} from '$lib/validation/lesson';
import { deviceCardSchema } from '$lib/validation/device-card';

/** Where the lesson page says what just happened (a form with no fields of its own). */
export const noticeSchema = z.object({});
export const NOTICE_ID = 'lesson';

export function loadNotice(event: RequestEvent) {
	return loadForm(event, noticeSchema, { id: NOTICE_ID });
}

function lessonId(event: RequestEvent): number {
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id < 1) error(404, 'Not found');
	return id;
}

function done(event: RequestEvent, key: FormMessage['key']): never {
	goWithMessage(event, `/lessons/${lessonId(event)}`, NOTICE_ID, { key, tone: 'ok' });
}

/**
 * Runs one form: validation, the verb, a refusal in words. `run` returns the message key of
 * success, or a FormMessage to answer the form with (a wrong code).
 */
async function handle<S extends ZodValidationSchema>(
	event: RequestEvent,
	schema: S,
	formId: string,
	run: (
		data: z.output<S>,
		id: number,
		me: string
	) => Promise<FormMessage['key'] | { refuse: FormMessage }>
) {
	const form = await readForm(event, schema, formId);
	if (!form.valid) return rejectForm(event, form);
	const id = lessonId(event);
	let outcome: Awaited<ReturnType<typeof run>>;
	try {
		outcome = await run(form.data as z.output<S>, id, signedInUserId(event.locals));
	} catch (caught) {
		if (!(caught instanceof LessonRefusal)) throw caught;
		return rejectForm(event, form, {
			message: { key: `lessons.refusal.${caught.reason}`, tone: 'error' }
		});
	}
	if (typeof outcome === 'object') return rejectForm(event, form, { message: outcome.refuse });
	done(event, outcome);
}

function when(date: string, time: string, minutes: number) {
	const starts = vietnamInstant(date, time);
	if (!starts) throw new LessonRefusal('in_the_past');
	return { starts, ends: new Date(starts.getTime() + minutes * 60_000) };
}

export const lessonActions = {
	answer: (event: RequestEvent) =>
		handle(event, answerSchema, 'answer', async (data, id) => {
			const accept = data.decision === 'accept';
			await lessons.answer(event.locals.supabase, id, accept, data.reason, data.for_id || null);
			return accept ? 'lessons.answer.accepted' : 'lessons.answer.declined';
		}),
	reschedule: (event: RequestEvent) =>
		handle(event, rescheduleSchema, 'reschedule', async (data, id) => {
			const { starts, ends } = when(data.date, data.time, data.minutes);
			await lessons.reschedule(event.locals.supabase, id, starts, ends, data.reason);
			return 'lessons.reschedule.done';
		}),
	cancel: (event: RequestEvent) =>
		handle(event, cancelSchema, 'cancel', async (data, id) => {
			await lessons.cancel(event.locals.supabase, id, data.reason);
			return 'lessons.cancel.done';
		}),
	noShow: (event: RequestEvent) =>
		handle(event, noShowSchema, 'no-show', async (data, id) => {
			await lessons.reportNoShow(event.locals.supabase, id, data.absent_id, data.note);
			return 'lessons.no_show.done';
		}),
	confirm: (event: RequestEvent) =>
		handle(event, confirmSchema, 'confirm', async (data, id) => {
			const result = await lessons.confirm(event.locals.supabase, id, data.code, null);
			if (result.outcome === 'confirmed') return 'lessons.confirm.done';
			if (result.outcome === 'locked') {
				return { refuse: { key: 'lessons.confirm.locked', tone: 'error' } };
			}
			return {
				refuse: {
					key: 'lessons.confirm.wrong_code',
					values: { left: result.attempts_left },
					tone: 'error'
				}
			};
		}),
	confirmFor: (event: RequestEvent) =>
		handle(event, confirmForSchema, 'confirm-for', async (data, id) => {
			await lessons.confirm(event.locals.supabase, id, null, data.learner_id);
			return 'lessons.confirm.done';
		}),
	unlock: (event: RequestEvent) =>
		handle(event, noticeSchema, NOTICE_ID, async (_data, id) => {
			await lessons.unlockCode(event.locals.supabase, id);
			return 'lessons.confirm.unlocked';
		}),
	deviceCard: (event: RequestEvent) =>
		handle(event, deviceCardSchema, 'device-card', async (data, id) => {
			const outcome = await deviceCards.confirm(event.locals.supabase, id, {
				learnerId: data.learner_id,
				actions: data.actions,
				minutes: data.minutes,
				codesRule: data.codes_rule
			});
			return outcome === 'agreed' ? 'consent.card.agreed' : 'consent.card.waiting';
		}),
	feedback: (event: RequestEvent) =>
		handle(event, feedbackSchema, 'feedback', async (data, id, me) => {
			await lessons.giveFeedback(event.locals.supabase, id, me, {
				rating: data.rating,
				comment: data.comment,
				masteredStepIds: data.mastered
			});
			return 'lessons.feedback.saved';
		})
};
