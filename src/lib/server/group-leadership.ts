// The group page's leadership acts: leaving (refused for the last leader), offering the leadership
// to a member, answering an offer, closing the group. The database decides; a refusal comes back
// as its key, which the page says in words (`groups.refusal.<key>`).
import { fail, type RequestEvent } from '@sveltejs/kit';
import { signedInUserId } from '$lib/server/auth/user';
import * as groups from '$lib/server/db/groups';
import { handOverSchema, leadershipAnswerSchema } from '$lib/validation/groups';

type GroupEvent = RequestEvent<{ id: string }>;

function groupIdOf(event: GroupEvent): number | null {
	const id = Number(event.params.id);
	return Number.isSafeInteger(id) && id > 0 ? id : null;
}

const refusedFor = (reason: groups.LeadershipRefusal) => fail(403, { refused: true, reason });

export const leadershipActions = {
	leave: async (event: GroupEvent) => {
		const id = groupIdOf(event);
		if (!id) return fail(404, { refused: true });
		const left = await groups.leave(event.locals.supabase, id, signedInUserId(event.locals));
		if (left === 'last_leader') return refusedFor('last_leader');
		return left ? { done: 'left' as const } : fail(403, { refused: true });
	},
	handOver: async (event: GroupEvent) => {
		const id = groupIdOf(event);
		const parsed = handOverSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!id || !parsed.success) return fail(400, { refused: true });
		const to = parsed.data.profile_id || null;
		const refusal = await groups.handOver(event.locals.supabase, id, to);
		if (refusal) return refusedFor(refusal);
		return { done: to ? ('offered' as const) : ('offer_withdrawn' as const) };
	},
	answerLeadership: async (event: GroupEvent) => {
		const id = groupIdOf(event);
		const parsed = leadershipAnswerSchema.safeParse(
			Object.fromEntries(await event.request.formData())
		);
		if (!id || !parsed.success) return fail(400, { refused: true });
		const refusal = await groups.answerLeadership(event.locals.supabase, id, parsed.data.accept);
		if (refusal) return refusedFor(refusal);
		return {
			done: parsed.data.accept ? ('leader_accepted' as const) : ('leader_declined' as const)
		};
	},
	close: async (event: GroupEvent) => {
		const id = groupIdOf(event);
		if (!id) return fail(404, { refused: true });
		const refusal = await groups.close(event.locals.supabase, id);
		if (refusal) return refusedFor(refusal);
		return { done: 'closed' as const };
	}
};
