// The curriculum as the skill picker shows it: each skill with its category's icon.
import type { Supabase, Tables } from '$lib/types/db';
import { foldVietnamese } from '$lib/search';
import { checkList } from './errors';

export type SkillOption = Pick<Tables<'skills'>, 'id' | 'slug' | 'title_vi' | 'title_en'> & {
	icon: string;
};

/** Every active skill in curriculum order. */
export async function listActive(supabase: Supabase): Promise<SkillOption[]> {
	// Two plain queries: resource embedding is outside what the local REST server implements.
	const [skills, categories] = await Promise.all([
		supabase
			.from('skills')
			.select('id, slug, title_vi, title_en, category_id')
			.eq('is_active', true)
			.order('sort_order'),
		supabase.from('skill_categories').select('id, icon')
	]);
	const icons = new Map(checkList('skills.listCategories', categories).map((c) => [c.id, c.icon]));
	return checkList('skills.listActive', skills).map(({ category_id, ...skill }) => ({
		...skill,
		icon: icons.get(category_id) ?? '📘'
	}));
}

/**
 * Skills whose title matches every word of `query`, ignoring Vietnamese diacritics
 * ("dat lich kham" finds "Đặt lịch khám bệnh trực tuyến"); every skill for an empty query.
 */
export async function search(supabase: Supabase, query: string): Promise<SkillOption[]> {
	const all = await listActive(supabase);
	const words = foldVietnamese(query).split(/\s+/).filter(Boolean);
	if (!words.length) return all;
	return all.filter((skill) => {
		const text = foldVietnamese(`${skill.title_vi} ${skill.title_en}`);
		return words.every((word) => text.includes(word));
	});
}
