import { fail, redirect } from '@sveltejs/kit';
import * as profiles from '$lib/server/db/profiles';
import { saveLocaleCookie, savePrefsCookies } from '$lib/server/preferences';
import { parseForm } from '$lib/validation/form';
import { displaySchema, localeSchema } from '$lib/validation/settings';
import type { Actions } from './$types';

export const actions = {
	/** The language switcher in the header posts here, with or without JavaScript. */
	locale: async ({ request, cookies, locals }) => {
		const parsed = parseForm(localeSchema, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		saveLocaleCookie(cookies, parsed.data.locale);
		if (locals.user) await profiles.setLocale(locals.supabase, locals.user.id, parsed.data.locale);
		redirect(303, parsed.data.redirect_to);
	},

	display: async ({ request, cookies, locals }) => {
		const parsed = parseForm(displaySchema, await request.formData());
		if (!parsed.ok) return fail(400, { errors: parsed.errors, values: parsed.values });
		const { text_size, high_contrast } = parsed.data;
		savePrefsCookies(cookies, { textSize: text_size, highContrast: high_contrast });
		if (locals.user) {
			await profiles.setDisplay(locals.supabase, locals.user.id, { text_size, high_contrast });
		}
		redirect(303, parsed.data.redirect_to);
	}
} satisfies Actions;
