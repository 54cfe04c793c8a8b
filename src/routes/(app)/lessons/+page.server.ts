import { loadForm } from '$lib/forms/server';
import * as invitations from '$lib/server/db/invitations';
import { answerInvitationAction, INVITATIONS_NOTICE } from '$lib/server/invite-form';
import { noticeSchema } from '$lib/server/lesson-actions';
import { loadMyLessons } from '$lib/server/lessons-page';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { userId } = await event.parent();
	const [mine, waitingInvitations, notice] = await Promise.all([
		loadMyLessons(event.locals, userId),
		invitations.waitingForMe(event.locals.supabase),
		loadForm(event, noticeSchema, { id: INVITATIONS_NOTICE })
	]);
	return {
		...mine,
		/** Learners who invited me to teach them, waiting for my answer. */
		invitations: waitingInvitations,
		/** Says what answering an invitation just did. */
		notice
	};
}) satisfies PageServerLoad;

export const actions = { answerInvitation: answerInvitationAction } satisfies Actions;
