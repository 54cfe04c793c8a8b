import { describe, expect, it } from 'vitest';
import en from '$lib/i18n/locales/en';
import vi from '$lib/i18n/locales/vi';
import type { MessageKey, MessageValues } from '$lib/i18n';
import { explainMatch, type MatchFacts } from './explain';

// A tiny translator over the real message files (no ICU needed: these messages are plain).
function translator(messages: object) {
	return (key: MessageKey, values: MessageValues = {}) => {
		const text = key
			.split('.')
			.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
		return String(text).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
	};
}

const facts: MatchFacts = {
	distance_m: 1200,
	matching_times: ['weekday_evening'],
	matching_slots: [{ weekday: 2, start: '18:30', end: '21:00', periods: ['weekday_evening'] }],
	lessons_taught: 12,
	no_shows: 0,
	open_lessons: 0,
	verified: false,
	shared_languages: ['vi']
};

describe('explainMatch', () => {
	it('reads like the product brief in Vietnamese', () => {
		expect(explainMatch(facts, translator(vi), 'vi').join(' · ')).toBe(
			'1,2 km · rảnh tối thứ Ba · đã dạy 12 buổi'
		);
	});

	it('speaks English to English readers', () => {
		expect(explainMatch(facts, translator(en), 'en').join(' · ')).toBe(
			'1.2 km · free Tuesday evening · lessons taught: 12'
		);
	});

	it('says when times do not overlap, and names verification, languages and load', () => {
		const text = explainMatch(
			{
				...facts,
				distance_m: 200,
				matching_times: [],
				matching_slots: [],
				lessons_taught: 0,
				no_shows: 2,
				open_lessons: 1,
				verified: true,
				shared_languages: ['en', 'vi']
			},
			translator(vi),
			'vi'
		);
		expect(text).toEqual([
			'200 m',
			'chưa trùng giờ bạn chọn',
			'tình nguyện viên mới',
			'vắng 2 buổi',
			'đã được phường xác minh',
			'nói Tiếng Anh',
			'đang có 1 buổi sắp dạy'
		]);
	});

	it('ignores malformed slots instead of failing the page', () => {
		const text = explainMatch(
			{ ...facts, matching_slots: [{ weekday: 'x' }, null] },
			translator(en),
			'en'
		);
		expect(text[1]).toBe('lessons taught: 12');
	});
});
