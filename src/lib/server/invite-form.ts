// Inviting a volunteer from a request's match list (the learner, or whoever filed the request for
// her), and the volunteer's answer on "My lessons". The database decides who may be invited (the
// match list as it is now) and has the last word on the answer (a clash, a request taken meanwhile).
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { goWithMessage, loadForm, readForm, refuseForm, rejectForm } from '$lib/forms/server';
import * as helpRequests from '$lib/server/db/help-requests';
import * as invitations from '$lib/server/db/invitations';
import { LessonRefusal } from '$lib/server/db/lessons';
import * as matching from '$lib/server/db/matching';
import { loadLookups } from '$lib/server/requests-page';
import { vietnamInstant, vietnamParts } from '$lib/lessons/time';
import {
	invitationAnswerSchema,
	inviteSchema,
	withdrawInvitationSchema
} from '$lib/validation/lesson';

const DAY = 24 * 3_600_000;
/** The form on "My lessons" and on the request page that only carries a message. */
export const INVITATIONS_NOTICE = 'invitations';

function requestId(event: RequestEvent): number {
	const id = Number(event.params.id);
	if (!Number.isSafeInteger(id) || id < 1) error(404, 'Not found');
	return id;
}

export async function loadInviteForm(event: RequestEvent) {
	const supabase = event.locals.supabase;
	const request = await helpRequests.get(supabase, requestId(event));
	if (!request || request.status !== 'open') error(404, 'Not found');
	const volunteerId = event.url.searchParams.get('volunteer') ?? '';
	const [lookups, matches] = await Promise.all([
		loadLookups(supabase),
		matching.matchVolunteers(supabase, request.id)
	]);
	const match = matches.find((m) => m.volunteer_id === volunteerId);
	if (!match) error(404, 'Not found');
	const tomorrow = vietnamParts(new Date(Date.now() + DAY));
	return {
		request,
		...lookups,
		/** The volunteer being invited, as the match list shows them. */
		match,
		form: await loadForm(event, inviteSchema, {
			id: 'invite',
			data: { volunteer_id: volunteerId, date: tomorrow.date, time: '09:00', minutes: 60 }
		})
	};
}

export async function inviteAction(event: RequestEvent) {
	const form = await readForm(event, inviteSchema, 'invite');
	if (!form.valid) return rejectForm(event, form);
	const starts = vietnamInstant(form.data.date, form.data.time);
	if (!starts || starts.getTime() < Date.now()) {
		return rejectForm(event, refuseForm(form, 'date', 'lessons.refusal.in_the_past'));
	}
	const id = requestId(event);
	try {
		await invitations.invite(event.locals.supabase, {
			requestId: id,
			volunteerId: form.data.volunteer_id,
			startsAt: starts,
			endsAt: new Date(starts.getTime() + form.data.minutes * 60_000),
			placeNote: form.data.place_note
		});
	} catch (caught) {
		if (!(caught instanceof LessonRefusal)) throw caught;
		return rejectForm(event, form, {
			message: { key: `lessons.refusal.${caught.reason}`, tone: 'error' }
		});
	}
	goWithMessage(event, `/requests/${id}`, INVITATIONS_NOTICE, {
		key: 'lessons.invite.sent',
		tone: 'ok'
	});
}

export async function withdrawInvitationAction(event: RequestEvent) {
	const form = await readForm(event, withdrawInvitationSchema, 'withdraw');
	const to = `/requests/${requestId(event)}`;
	if (!form.valid) error(400, 'Bad request');
	const withdrawn = await invitations.withdraw(event.locals.supabase, form.data.invitation_id);
	goWithMessage(event, to, INVITATIONS_NOTICE, {
		key: withdrawn ? 'lessons.invite.withdrawn' : 'lessons.refusal.invitation_closed',
		tone: withdrawn ? 'ok' : 'error'
	});
}

export async function answerInvitationAction(event: RequestEvent) {
	const form = await readForm(event, invitationAnswerSchema, 'invitation-answer');
	if (!form.valid) error(400, 'Bad request');
	const accept = form.data.decision === 'accept';
	let lesson: number | null;
	try {
		lesson = await invitations.answer(event.locals.supabase, form.data.invitation_id, accept);
	} catch (caught) {
		if (!(caught instanceof LessonRefusal)) throw caught;
		goWithMessage(event, '/lessons', INVITATIONS_NOTICE, {
			key: `lessons.refusal.${caught.reason}`,
			tone: 'error'
		});
	}
	if (lesson !== null) redirect(303, `/lessons/${lesson}`);
	goWithMessage(event, '/lessons', INVITATIONS_NOTICE, {
		key: 'lessons.invitations.declined',
		tone: 'ok'
	});
}
