import { loadForm } from '$lib/forms/server';
import * as materials from '$lib/server/db/learning-materials';
import * as skills from '$lib/server/db/skills';
import { loadNotice, requireWard, runWardButton, runWardForm } from '$lib/server/ward-ops';
import { materialSchema, retireSchema } from '$lib/validation/wardops';
import type { MaterialKind, MaterialLanguage } from '$lib/wardops/codes';
import type { Actions, PageServerLoad } from './$types';

const NOTICE = 'materials';

export const load = (async (event) => {
	const ward = await requireWard(event);
	const { supabase } = event.locals;
	const [list, skillList] = await Promise.all([
		materials.ofWard(supabase, ward.id),
		skills.listActive(supabase)
	]);
	const editing = list.find((m) => m.id === Number(event.url.searchParams.get('edit')));
	return {
		/** The ward whose board keeps these materials. */
		ward,
		/** Its materials, active and retired, by skill. */
		materials: list,
		/** The skills a material may belong to. */
		skills: skillList,
		/** Add a material, or edit the one in `?edit=`. */
		form: await loadForm(event, materialSchema, {
			id: 'material',
			data: editing && {
				...editing,
				kind: editing.kind as MaterialKind,
				language: editing.language as MaterialLanguage
			}
		}),
		/** What the last retire/restore did. */
		notice: await loadNotice(event, NOTICE)
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async (event) => {
		const ward = await requireWard(event);
		return runWardForm(event, materialSchema, 'material', async ({ id, ...input }) => {
			if (id === 0) {
				await materials.create(event.locals.supabase, ward.id, input);
				return 'wardops.materials.added';
			}
			if (!(await materials.update(event.locals.supabase, ward.id, id, input))) {
				return { refuse: { key: 'wardops.refusal.not_allowed', tone: 'error' } };
			}
			return 'wardops.materials.saved';
		});
	},
	retire: async (event) => {
		const ward = await requireWard(event);
		return runWardButton(event, retireSchema, NOTICE, async ({ id, retire }) => {
			if (!(await materials.setRetired(event.locals.supabase, ward.id, id, retire))) {
				return 'wardops.refusal.not_allowed';
			}
			return retire ? 'wardops.materials.retired' : 'wardops.materials.restored';
		});
	}
} satisfies Actions;
