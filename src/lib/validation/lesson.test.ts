import { describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms';
import type { ZodValidationSchema } from 'sveltekit-superforms/adapters';
import { adapter } from '$lib/forms/server';
import vi from '$lib/i18n/locales/vi';
import { cancelSchema, confirmSchema, feedbackSchema, proposeSchema } from './lesson';

const KEYS = new Set<string>();
(function walk(node: object, prefix: string) {
	for (const [key, value] of Object.entries(node)) {
		if (typeof value === 'string') KEYS.add(prefix + key);
		else walk(value as object, `${prefix}${key}.`);
	}
})(vi, '');

async function validate(schema: ZodValidationSchema, entries: [string, string][]) {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	const result = await superValidate(data, adapter(schema));
	const messages = JSON.stringify(result.errors).match(/"[^"]*\.[^"]*"/g) ?? [];
	for (const message of messages) expect(KEYS).toContain(JSON.parse(message));
	return result;
}

describe('lesson forms', () => {
	it('a proposal at another public place needs words, and keeps what was typed', async () => {
		const result = await validate(proposeSchema, [
			['request_id', '7'],
			['date', '2026-12-05'],
			['time', '09:30'],
			['minutes', '45'],
			['place_type', 'near_point'],
			['venue_id', '0'],
			['place_note', '']
		]);
		expect(result.valid).toBe(false);
		expect(result.errors.place_note).toEqual(['lessons.validation.place_note_required']);
		expect(result.data).toMatchObject({ date: '2026-12-05', time: '09:30', minutes: 45 });
	});

	it('a proposal at a venue needs the venue; a length must be one offered', async () => {
		const result = await validate(proposeSchema, [
			['request_id', '7'],
			['date', '2026-12-05'],
			['time', '09:30'],
			['minutes', '50'],
			['place_type', 'venue'],
			['venue_id', '0']
		]);
		expect(result.errors.venue_id).toEqual(['lessons.validation.venue_required']);
		expect(result.errors.minutes).toEqual(['lessons.validation.duration']);
	});

	it('cancelling needs a reason; a code is six digits; stars are 1 to 5', async () => {
		expect((await validate(cancelSchema, [['reason', '  ']])).errors.reason).toEqual([
			'lessons.validation.reason_required'
		]);
		expect((await validate(confirmSchema, [['code', '12a456']])).errors.code).toEqual([
			'lessons.validation.code_format'
		]);
		expect((await validate(confirmSchema, [['code', ' 012345 ']])).data.code).toBe('012345');
		const feedback = await validate(feedbackSchema, [
			['rating', '6'],
			['mastered', '3'],
			['mastered', '4']
		]);
		expect(feedback.errors.rating).toEqual(['lessons.validation.rating_required']);
		expect(feedback.data.mastered).toEqual([3, 4]);
	});
});
