// Proposing a lesson for an open request: the volunteer picks a time in Vietnam, a length and a
// place. The learner's home is offered only to a verified volunteer (the matching rule), and the
// database has the last word on everything (a request taken meanwhile, a clash in anyone's day).
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { loadForm, readForm, refuseForm, rejectForm } from '$lib/forms/server';
import { signedInUserId } from '$lib/server/auth/user';
import * as helpRequests from '$lib/server/db/help-requests';
import * as lessonPeople from '$lib/server/db/lesson-people';
import * as lessons from '$lib/server/db/lessons';
import { LessonRefusal } from '$lib/server/db/lessons';
import { loadLookups } from '$lib/server/requests-page';
import { vietnamInstant, vietnamParts } from '$lib/lessons/time';
import { proposeSchema } from '$lib/validation/lesson';

const DAY = 24 * 3_600_000;

async function isVerified(locals: App.Locals, me: string): Promise<boolean> {
	const [card] = await lessonPeople.cards(locals.supabase, [me]);
	return Boolean(card?.verified);
}

export async function loadProposeForm(event: RequestEvent, me: string) {
	const requestId = Number(event.url.searchParams.get('request'));
	if (!Number.isSafeInteger(requestId) || requestId < 1) error(404, 'Not found');
	const [request, lookups, verified] = await Promise.all([
		helpRequests.get(event.locals.supabase, requestId),
		loadLookups(event.locals.supabase),
		isVerified(event.locals, me)
	]);
	if (!request) error(404, 'Not found');
	const tomorrow = vietnamParts(new Date(Date.now() + DAY));
	const placeType =
		request.place_type === 'home' && !verified
			? 'venue'
			: (request.place_type as 'home' | 'venue' | 'near_point');
	return {
		request,
		...lookups,
		/** Only a verified volunteer may offer to come to the learner's home. */
		canTeachAtHome: verified,
		form: await loadForm(event, proposeSchema, {
			id: 'propose',
			data: {
				request_id: request.id,
				date: tomorrow.date,
				time: '09:00',
				minutes: 60,
				place_type: placeType,
				venue_id: request.venue_id ?? 0,
				place_note: ''
			}
		})
	};
}

export async function proposeAction(event: RequestEvent) {
	const form = await readForm(event, proposeSchema, 'propose');
	if (!form.valid) return rejectForm(event, form);
	const me = signedInUserId(event.locals);
	if (form.data.place_type === 'home' && !(await isVerified(event.locals, me))) {
		return rejectForm(event, refuseForm(form, 'place_type', 'lessons.validation.home_unverified'));
	}
	const starts = vietnamInstant(form.data.date, form.data.time);
	if (!starts || starts.getTime() < Date.now()) {
		return rejectForm(event, refuseForm(form, 'date', 'lessons.refusal.in_the_past'));
	}
	let id: number;
	try {
		id = await lessons.propose(event.locals.supabase, {
			requestId: form.data.request_id,
			startsAt: starts,
			endsAt: new Date(starts.getTime() + form.data.minutes * 60_000),
			placeType: form.data.place_type,
			venueId: form.data.venue_id || null,
			placeNote: form.data.place_note
		});
	} catch (caught) {
		if (!(caught instanceof LessonRefusal)) throw caught;
		return rejectForm(event, form, {
			message: { key: `lessons.refusal.${caught.reason}`, tone: 'error' }
		});
	}
	redirect(303, `/lessons/${id}?proposed=1`);
}
