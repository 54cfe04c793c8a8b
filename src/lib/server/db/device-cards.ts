// The phone consent card of a lesson: read what the database shows the caller, confirm terms.
import type { Supabase } from '../../types/db';
import { check, checkList } from './errors';
import { LessonRefusal, REFUSALS, type Refusal } from './lessons';

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
