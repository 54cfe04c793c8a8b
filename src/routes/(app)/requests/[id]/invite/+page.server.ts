import { inviteAction, loadInviteForm } from '$lib/server/invite-form';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => loadInviteForm(event)) satisfies PageServerLoad;

export const actions = { default: inviteAction } satisfies Actions;
