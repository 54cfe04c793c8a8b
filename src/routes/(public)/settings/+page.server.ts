import { redirect } from '@sveltejs/kit';
import * as profiles from '$lib/server/db/profiles';
import { loadForm, readForm, rejectForm } from '$lib/forms/server';
import { saveLocaleCookie, savePrefsCookies } from '$lib/server/preferences';
import { displaySchema, localeSchema } from '$lib/validation/settings';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { prefs } = event.locals;
	return {
		form: await loadForm(event, displaySchema, {
			id: 'display',
			data: {
				text_size: prefs.textSize,
				high_contrast: prefs.highContrast,
				redirect_to: '/settings'
			}
		})
	};
}) satisfies PageServerLoad;

export const actions = {
	/** The language switcher in the header posts here, with or without JavaScript. */
	locale: async (event) => {
		const form = await readForm(event, localeSchema, 'locale');
		// Only a crafted post gets here: the switcher offers the supported languages only.
		if (!form.valid) return rejectForm(event, form, { to: '/settings' });
		saveLocaleCookie(event.cookies, form.data.locale);
		const { locals } = event;
		if (locals.user) await profiles.setLocale(locals.supabase, locals.user.id, form.data.locale);
		redirect(303, form.data.redirect_to);
	},

	/** A full reload applies the new classes on <html> from the server, with or without JavaScript. */
	display: async (event) => {
		const form = await readForm(event, displaySchema, 'display');
		if (!form.valid) return rejectForm(event, form);
		const { text_size, high_contrast } = form.data;
		const { locals, cookies } = event;
		savePrefsCookies(cookies, { textSize: text_size, highContrast: high_contrast });
		if (locals.user) {
			await profiles.setDisplay(locals.supabase, locals.user.id, { text_size, high_contrast });
		}
		redirect(303, form.data.redirect_to);
	}
} satisfies Actions;
