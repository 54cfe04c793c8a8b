import { error, fail } from '@sveltejs/kit';
import { acceptForm, loadForm, readForm, rejectForm } from '$lib/forms/server';
import { signedInUserId } from '$lib/server/auth/user';
import * as badges from '$lib/server/db/badges';
import * as coordinators from '$lib/server/db/coordinators';
import * as groups from '$lib/server/db/groups';
import { leadershipActions } from '$lib/server/group-leadership';
import {
	awardDecisionSchema,
	awardProposalSchema,
	memberDecisionSchema,
	switchSchema
} from '$lib/validation/groups';
import type { Actions, PageServerLoad } from './$types';

const PROPOSAL_FORM = 'group-award-proposal';

function groupId(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, 'Not found');
	return id;
}

export const load = (async (event) => {
	const { locals, params } = event;
	const { userId } = await event.parent();
	const id = groupId(params.id);
	const group = await groups.get(locals.supabase, id);
	if (!group) error(404, 'Not found');
	const [totals, people, awards, wards, names] = await Promise.all([
		groups.totals(locals.supabase, id),
		groups.people(locals.supabase, id),
		groups.awards(locals.supabase, id),
		coordinators.wardsOf(locals.supabase, userId),
		groups.wardNames(locals.supabase, [group.ward_id])
	]);
	const me = people.find((p) => p.profile_id === userId) ?? null;
	const shown = await badges.shownBy(
		locals.supabase,
		people.filter((p) => p.status === 'active').map((p) => p.profile_id)
	);
	return {
		group,
		ward: names.get(group.ward_id) ?? null,
		/** Members, lessons, hours, and badges members show. */
		totals,
		/** Active members, then (for leaders and the ward) the people asking to join. */
		people: people.filter((p) => p.profile_id !== userId || p.status === 'active'),
		/** Badges each member chose to show, for those who see the members. */
		memberBadges: Object.fromEntries(shown),
		/** Approved awards; proposals too for leaders and the ward. */
		awards,
		/** The person's own standing: null, requested, member or leader. */
		standing: me ? (me.status === 'requested' ? 'requested' : me.role) : null,
		/** The member offered the leadership (their name, for the leader and the ward). */
		offeredTo: group.handover_to
			? (people.find((p) => p.profile_id === group.handover_to)?.display_name ?? '')
			: null,
		/** The person is offered the leadership and may accept it. */
		offerToMe: group.handover_to === userId,
		/** The person coordinates the group's ward (approves awards, sees requests). */
		coordinates: wards.includes(group.ward_id),
		proposal: await loadForm(event, awardProposalSchema, { id: PROPOSAL_FORM })
	};
}) satisfies PageServerLoad;

/** One-button acts answer with what happened, or that nothing could be done. */
const refused = () => fail(403, { refused: true });

export const actions = {
	join: async ({ locals, params }) => {
		const userId = signedInUserId(locals);
		return (await groups.requestToJoin(locals.supabase, groupId(params.id), userId))
			? { done: 'requested' as const }
			: refused();
	},
	...leadershipActions,
	approve: async ({ locals, params, request }) => {
		const parsed = memberDecisionSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { refused: true });
		return (await groups.approve(locals.supabase, groupId(params.id), parsed.data.profile_id))
			? { done: 'approved' as const }
			: refused();
	},
	decline: async ({ locals, params, request }) => {
		const parsed = memberDecisionSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { refused: true });
		return (await groups.decline(locals.supabase, groupId(params.id), parsed.data.profile_id))
			? { done: 'declined' as const }
			: refused();
	},
	propose: async (event) => {
		const userId = signedInUserId(event.locals);
		const form = await readForm(event, awardProposalSchema, PROPOSAL_FORM);
		if (!form.valid) return rejectForm(event, form);
		if (
			!(await groups.proposeAward(
				event.locals.supabase,
				groupId(event.params.id),
				form.data,
				userId
			))
		) {
			return rejectForm(event, form, {
				status: 403,
				message: { key: 'groups.award.refused', tone: 'error' }
			});
		}
		form.data = { title: '', reason: '' };
		return acceptForm(event, form, { key: 'groups.award.proposed', tone: 'ok' });
	},
	approveAward: async ({ locals, request }) => {
		const userId = signedInUserId(locals);
		const parsed = awardDecisionSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { refused: true });
		return (await groups.approveAward(locals.supabase, parsed.data.award_id, userId))
			? { done: 'award_approved' as const }
			: refused();
	},
	ranked: async ({ locals, params, request }) => {
		const parsed = switchSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { refused: true });
		return (await groups.setRanked(locals.supabase, groupId(params.id), parsed.data.on))
			? { done: parsed.data.on ? ('ranked' as const) : ('unranked' as const) }
			: refused();
	}
} satisfies Actions;
