// Learning materials per skill (video, infographic, step-by-step link), kept by a ward's board:
// added, edited and retired there; lesson pages show only active ones.
import type { Supabase, Tables } from '../../types/db';
import { check, checkList } from './errors';

export type WardMaterial = Pick<
	Tables<'learning_materials'>,
	'id' | 'skill_id' | 'kind' | 'title' | 'url' | 'language' | 'retired_at'
>;

export interface MaterialInput {
	skill_id: number;
	kind: 'video' | 'infographic' | 'lesson';
	language: 'vi' | 'en';
	title: string;
	url: string;
}

/** The ward's materials, active and retired, by skill. */
export async function ofWard(supabase: Supabase, wardId: number): Promise<WardMaterial[]> {
	return checkList(
		'learningMaterials.ofWard',
		await supabase
			.from('learning_materials')
			.select('id, skill_id, kind, title, url, language, retired_at')
			.eq('ward_id', wardId)
			.order('skill_id')
			.order('id')
	);
}

/** Adds a material for the ward; the policy checks the caller coordinates it. */
export async function create(
	supabase: Supabase,
	wardId: number,
	input: MaterialInput
): Promise<number> {
	const row = check(
		'learningMaterials.create',
		await supabase
			.from('learning_materials')
			.insert({ ...input, ward_id: wardId })
			.select('id')
			.single()
	);
	if (!row) throw new Error('insert returned no row');
	return row.id;
}

/** Edits a material of the ward; false when there is none the caller may edit. */
export async function update(
	supabase: Supabase,
	wardId: number,
	id: number,
	input: MaterialInput
): Promise<boolean> {
	const rows = checkList(
		'learningMaterials.update',
		await supabase
			.from('learning_materials')
			.update(input)
			.eq('id', id)
			.eq('ward_id', wardId)
			.select('id')
	);
	return rows.length === 1;
}

/** Retires a material (or brings it back); false when there is none the caller may change. */
export async function setRetired(
	supabase: Supabase,
	wardId: number,
	id: number,
	retire: boolean
): Promise<boolean> {
	const rows = checkList(
		'learningMaterials.setRetired',
		await supabase
			.from('learning_materials')
			.update({ retired_at: retire ? new Date().toISOString() : null })
			.eq('id', id)
			.eq('ward_id', wardId)
			.select('id')
	);
	return rows.length === 1;
}
