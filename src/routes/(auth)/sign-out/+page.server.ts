import { redirect } from '@sveltejs/kit';
import type { Actions } from './$types';

export const actions = {
	default: async ({ locals }) => {
		// Ends this device's session only; the cookies are cleared through setAll.
		await locals.supabase.auth.signOut({ scope: 'local' });
		redirect(303, '/sign-in?signed_out=1');
	}
} satisfies Actions;
