// Lesson invitations (`lesson_invitations`): a learner, or whoever answers for her, invites a
// volunteer from her request's match list; the volunteer accepts (the lesson is scheduled at once)
// or declines. Refusals come back as `LessonRefusal`, like the other lesson verbs.
import type { Database, Supabase, Tables } from '../../types/db';
import { checkList } from './errors';
import { checkVerb } from './lessons';

export type Invitation = Pick<
	Tables<'lesson_invitations'>,
	'id' | 'request_id' | 'volunteer_id' | 'starts_at' | 'ends_at' | 'status' | 'expires_at'
>;
/** An invitation waiting for the signed-in volunteer, with what they need to answer it. */
export type WaitingInvitation =
	Database['public']['Functions']['my_invitations']['Returns'][number];

export interface InvitationInput {
	requestId: number;
	volunteerId: string;
	startsAt: Date;
	endsAt: Date;
	placeNote: string;
}

/** Invites a volunteer from the request's match list; returns the invitation's id. */
export async function invite(supabase: Supabase, input: InvitationInput): Promise<number> {
	const id = checkVerb(
		'invitations.invite',
		await supabase.rpc('invite_volunteer', {
			p_request_id: input.requestId,
			p_volunteer_id: input.volunteerId,
			p_starts_at: input.startsAt.toISOString(),
			p_ends_at: input.endsAt.toISOString(),
			p_place_note: input.placeNote
		})
	);
	if (id === null) throw new Error('invitations.invite: no id came back');
	return id;
}

/** The invited volunteer answers; returns the new lesson's id when accepted, null when declined. */
export async function answer(
	supabase: Supabase,
	id: number,
	accept: boolean,
	reason = ''
): Promise<number | null> {
	return checkVerb(
		'invitations.answer',
		await supabase.rpc('answer_invitation', {
			p_invitation_id: id,
			p_accept: accept,
			p_reason: reason || undefined
		})
	);
}

/** The inviter takes back an invitation still waiting; false when it was no longer waiting. */
export async function withdraw(supabase: Supabase, id: number): Promise<boolean> {
	return Boolean(
		checkVerb(
			'invitations.withdraw',
			await supabase.rpc('withdraw_invitation', { p_invitation_id: id })
		)
	);
}

/** Invitations waiting for the signed-in volunteer, soonest first. */
export async function waitingForMe(supabase: Supabase): Promise<WaitingInvitation[]> {
	return checkList('invitations.waitingForMe', await supabase.rpc('my_invitations'));
}

/** The invitation of a request still waiting for an answer (not lapsed), if any. */
export async function pendingFor(
	supabase: Supabase,
	requestId: number
): Promise<Invitation | null> {
	const rows = checkList(
		'invitations.pendingFor',
		await supabase
			.from('lesson_invitations')
			.select('id, request_id, volunteer_id, starts_at, ends_at, status, expires_at')
			.eq('request_id', requestId)
			.eq('status', 'pending')
			.gt('expires_at', new Date().toISOString())
	);
	return rows[0] ?? null;
}
