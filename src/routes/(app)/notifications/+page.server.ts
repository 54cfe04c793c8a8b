import { error, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import * as notifications from '$lib/server/db/notifications';
import { renderNotification } from '$lib/server/push/payload';
import type { Actions, PageServerLoad } from './$types';

const one = z.object({ id: z.coerce.number().int().positive() });

export const load = (async ({ locals, depends }) => {
	// A push shown while this page is open adds its notice here too (src/routes/+layout.svelte).
	depends('app:notifications');
	const rows = await notifications.listMine(locals.supabase);
	return {
		/** Newest first, title and body in the reader's language (as the push said them). */
		items: rows.map((n) => ({
			id: n.id,
			...renderNotification({ ...n, locale: locals.locale }),
			url: n.url,
			created_at: n.created_at,
			unread: n.read_at === null
		}))
	};
}) satisfies PageServerLoad;

// Plain forms (no fields a person types), so a redirect answers both with and without JavaScript.
export const actions = {
	read: async ({ request, locals }) => {
		const parsed = one.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) error(400);
		await notifications.markRead(locals.supabase, parsed.data.id);
		redirect(303, '/notifications');
	},
	readAll: async ({ locals }) => {
		await notifications.markAllRead(locals.supabase);
		redirect(303, '/notifications');
	}
} satisfies Actions;
