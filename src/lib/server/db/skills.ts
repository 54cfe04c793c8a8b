// The curriculum as the skill picker shows it: each skill with its icon.
import type { Database, Supabase } from '../../types/db';
import { checkList } from './errors';

type SearchRow = Database['public']['Functions']['search_skills']['Returns'][number];
export type SkillOption = Pick<SearchRow, 'id' | 'slug' | 'title_vi' | 'title_en' | 'icon'>;

/**
 * Skills matching `query`, best first, ignoring Vietnamese diacritics ("dat lich kham" finds
 * "Đặt lịch khám bệnh trực tuyến"); every active skill in curriculum order for an empty query.
 */
export async function search(supabase: Supabase, query: string): Promise<SkillOption[]> {
	const rows = checkList(
		'skills.search',
		await supabase.rpc('search_skills', { p_query: query.slice(0, 100) })
	);
	return rows.map(({ id, slug, title_vi, title_en, icon }) => ({
		id,
		slug,
		title_vi,
		title_en,
		icon: icon || '📘'
	}));
}

/** Every active skill in curriculum order. */
export function listActive(supabase: Supabase): Promise<SkillOption[]> {
	return search(supabase, '');
}
