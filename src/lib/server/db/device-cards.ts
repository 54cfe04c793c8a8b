// The phone consent card of a lesson: read what the database shows the caller, confirm terms.
import type { Supabase } from '../../types/db';
import { check, checkList } from './errors';
import { LessonRefusal, REFUSALS, type Refusal } from './lessons';
import { checkWard } from './ward-refusal';

export interface DeviceCard {
	learner_id: string;
	actions: string[];
	minutes: number;
	teacher_confirmed_at: string | null;
	learner_confirmed_at: string | null;
}

/** True when lessons of this skill set up accounts or apps on the learner's own phone. */
export async function skillTouchesPhone(supabase: Supabase, skillId: number): Promise<boolean> {
	const row = check(
		'device_cards.skillTouchesPhone',
		await supabase.from('skills').select('touches_learner_phone').eq('id', skillId).maybeSingle()
	);
	return row?.touches_learner_phone ?? false;
}

/** The cards of a lesson the caller may see (the teacher: all; a learner: hers). */
export async function forLesson(supabase: Supabase, sessionId: number): Promise<DeviceCard[]> {
	return checkList(
		'device_cards.forLesson',
		await supabase
			.from('device_cards')
			.select('learner_id, actions, minutes, teacher_confirmed_at, learner_confirmed_at')
			.eq('session_id', sessionId)
			.limit(200)
	);
}

export interface CardTerms {
	learnerId: string;
	actions: string[];
	minutes: number;
	codesRule: boolean;
}

/**
 * Confirms the card with these terms as the caller (teacher, or the learner's side); the database
 * decides which side the caller is on. Returns 'agreed' once both confirmed the same terms.
 */
export async function confirm(
	supabase: Supabase,
	sessionId: number,
	terms: CardTerms
): Promise<'agreed' | 'waiting'> {
	const result = await supabase.rpc('confirm_device_card', {
		p_session_id: sessionId,
		p_learner_id: terms.learnerId,
		p_actions: terms.actions,
		p_minutes: terms.minutes,
		p_codes_rule: terms.codesRule
	});
	const details = result.error?.details as Refusal | undefined;
	if (details && (REFUSALS as readonly string[]).includes(details))
		throw new LessonRefusal(details);
	if (result.error?.code === '42501') throw new LessonRefusal('not_allowed');
	return check('device_cards.confirm', result) === 'agreed' ? 'agreed' : 'waiting';
}

/** A class's cards as its teacher or a coordinator of its ward reads them (RLS decides). */
export interface ClassCard extends DeviceCard {
	learner_confirmed_on: string | null;
}

export async function forClass(supabase: Supabase, sessionId: number): Promise<ClassCard[]> {
	return checkList(
		'device_cards.forClass',
		await supabase
			.from('device_cards')
			.select(
				'learner_id, actions, minutes, teacher_confirmed_at, learner_confirmed_at, learner_confirmed_on'
			)
			.eq('session_id', sessionId)
			.limit(500)
	);
}

/** The card refusals the tablet puts in words (`consent.class_card.refusal.<key>`). */
export const CLASS_CARD_REFUSALS = [
	'not_your_session',
	'not_scheduled',
	'codes_rule_required',
	'learner_agreement_required',
	'longer_than_lesson',
	'device_card_required'
] as const;
export type ClassCardRefusalKey = (typeof CLASS_CARD_REFUSALS)[number];

export class ClassCardRefusal extends Error {
	constructor(readonly reason: ClassCardRefusalKey) {
		super(reason);
		this.name = 'ClassCardRefusal';
	}
}

function classRefusal(error: { code?: string; details?: string } | null): void {
	if (!error) return;
	if ((CLASS_CARD_REFUSALS as readonly string[]).includes(error.details ?? ''))
		throw new ClassCardRefusal(error.details as ClassCardRefusalKey);
}

/**
 * On the class's shared tablet: the teacher (or the ward's coordinator holding it) and one
 * learner confirm her card together; the database records both sides, marked as given there.
 */
export async function confirmOnTablet(
	supabase: Supabase,
	sessionId: number,
	terms: CardTerms & { learnerAgrees: boolean }
): Promise<void> {
	const result = await supabase.rpc('confirm_class_card', {
		p_session_id: sessionId,
		p_learner_id: terms.learnerId,
		p_actions: terms.actions,
		p_minutes: terms.minutes,
		p_codes_rule: terms.codesRule,
		p_learner_agrees: terms.learnerAgrees
	});
	classRefusal(result.error);
	check('device_cards.confirmOnTablet', result);
}

/**
 * Marks a learner of a class present. The database refuses it (device_card_required) while her
 * phone card is not confirmed by both sides; that refusal is this module's to say in words, the
 * others stay the ward board's (`classes.mark`).
 */
export async function markPresent(
	supabase: Supabase,
	sessionId: number,
	profileId: string
): Promise<string | null> {
	const result = await supabase.rpc('mark_attendance', {
		p_session_id: sessionId,
		p_profile_id: profileId,
		p_present: true
	});
	if (result.error?.details === 'device_card_required')
		throw new ClassCardRefusal('device_card_required');
	return checkWard('device_cards.markPresent', result);
}

/** The ids of the skills whose lessons touch the learner's phone (a handful, readable by all). */
export async function phoneSkillIds(supabase: Supabase): Promise<number[]> {
	const rows = checkList(
		'device_cards.phoneSkillIds',
		await supabase.from('skills').select('id').eq('touches_learner_phone', true).limit(200)
	);
	return rows.map((r) => r.id);
}
