// Turns the facts on a match row into short phrases in the reader's language:
// "1,2 km · rảnh tối thứ Ba · đã dạy 12 buổi". The database sends facts, never sentences.
import type { MessageKey, MessageValues } from '$lib/i18n';
import type { Locale } from '$lib/i18n/config';
import { formatDistance } from '$lib/i18n/format';

export type Translate = (key: MessageKey, values?: MessageValues) => string;

export interface MatchSlot {
	weekday: number;
	start: string;
	end: string;
	periods: string[];
}

export interface MatchFacts {
	distance_m: number;
	matching_times: string[];
	matching_slots: unknown;
	lessons_taught?: number;
	no_shows?: number;
	open_lessons?: number;
	verified?: boolean;
	shared_languages: string[];
}

const WEEKDAYS: Record<number, MessageKey> = {
	1: 'matching.weekday.1',
	2: 'matching.weekday.2',
	3: 'matching.weekday.3',
	4: 'matching.weekday.4',
	5: 'matching.weekday.5',
	6: 'matching.weekday.6',
	7: 'matching.weekday.7'
};
const PARTS: Record<string, MessageKey> = {
	morning: 'matching.part.morning',
	afternoon: 'matching.part.afternoon',
	evening: 'matching.part.evening'
};
const LANGUAGES: Record<string, MessageKey> = {
	en: 'profile.languages.en',
	zh: 'profile.languages.zh',
	km: 'profile.languages.km',
	fr: 'profile.languages.fr'
};

function isSlot(value: unknown): value is MatchSlot {
	if (typeof value !== 'object' || value === null) return false;
	const slot = value as Record<string, unknown>;
	return typeof slot.weekday === 'number' && Array.isArray(slot.periods);
}

/** The first weekly slot inside the wanted times, as "free Tuesday evening". */
function firstFreeSlot(facts: MatchFacts, t: Translate): string | null {
	const slots = Array.isArray(facts.matching_slots) ? facts.matching_slots.filter(isSlot) : [];
	for (const slot of slots) {
		const period = slot.periods.find((p) => facts.matching_times.includes(p)) ?? slot.periods[0];
		const part = PARTS[String(period).split('_')[1] ?? ''];
		const day = WEEKDAYS[slot.weekday];
		if (part && day) return t('matching.explain.free', { part: t(part), day: t(day) });
	}
	return null;
}

/** Short phrases, most useful first; the page joins them with " · ". */
export function explainMatch(facts: MatchFacts, t: Translate, locale: Locale): string[] {
	const out = [formatDistance(facts.distance_m, locale)];
	const free = firstFreeSlot(facts, t);
	if (free) out.push(free);
	else if (facts.matching_times.length === 0) out.push(t('matching.explain.no_common_time'));
	if (facts.lessons_taught !== undefined) {
		out.push(
			facts.lessons_taught > 0
				? t('matching.explain.taught', { count: facts.lessons_taught })
				: t('matching.explain.new_volunteer')
		);
	}
	if (facts.no_shows) out.push(t('matching.explain.no_shows', { count: facts.no_shows }));
	if (facts.verified) out.push(t('matching.explain.verified'));
	const other = facts.shared_languages.map((code) => LANGUAGES[code]).find(Boolean);
	if (other) out.push(t('matching.explain.speaks', { language: t(other) }));
	if (facts.open_lessons) out.push(t('matching.explain.busy', { count: facts.open_lessons }));
	return out;
}
