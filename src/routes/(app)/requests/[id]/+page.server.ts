import { error } from '@sveltejs/kit';
import { loadForm } from '$lib/forms/server';
import * as badges from '$lib/server/db/badges';
import * as helpRequests from '$lib/server/db/help-requests';
import * as invitations from '$lib/server/db/invitations';
import { INVITATIONS_NOTICE, withdrawInvitationAction } from '$lib/server/invite-form';
import { noticeSchema } from '$lib/server/lesson-actions';
import * as matching from '$lib/server/db/matching';
import { cancelAction, loadLookups } from '$lib/server/requests-page';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { locals, params, url } = event;
	const request = await helpRequests.get(locals.supabase, Number(params.id));
	if (!request) error(404, 'Not found');
	const open = request.status === 'open';
	const [lookups, matches, invitation, notice] = await Promise.all([
		loadLookups(locals.supabase),
		open ? matching.matchVolunteers(locals.supabase, request.id) : [],
		open ? invitations.pendingFor(locals.supabase, request.id) : null,
		loadForm(event, noticeSchema, { id: INVITATIONS_NOTICE })
	]);
	const shown = await badges.shownBy(
		locals.supabase,
		matches.map((m) => m.volunteer_id)
	);
	return {
		request,
		...lookups,
		/** Ranked volunteers with the facts behind each rank; none once the request is not open. */
		matches,
		/** Badges each matched volunteer chose to show (a match is a reason to see their card). */
		matchBadges: Object.fromEntries(shown),
		/** The invitation still waiting for a volunteer's answer, if any (one at a time). */
		invitation,
		/** Says what an invitation form just did (sent, withdrawn). */
		notice,
		/** Just filed: the page says so before the matches. */
		justCreated: url.searchParams.has('new')
	};
}) satisfies PageServerLoad;

export const actions = {
	cancel: cancelAction,
	withdraw: withdrawInvitationAction
} satisfies Actions;
