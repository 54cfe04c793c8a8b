import { describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms';
import { adapter } from '$lib/forms/server';
import { reportSchema } from './safety';

const PERSON = '00000000-0000-4000-8000-000000000001';

function posted(entries: [string, string][]) {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
}

describe('report or block', () => {
	it('takes a report, a block, or both (an unticked box is no block)', async () => {
		const both = await superValidate(
			posted([
				['person', PERSON],
				['session', '12'],
				['reason', 'scam'],
				['details', ' Hỏi mã OTP '],
				['block', 'on']
			]),
			adapter(reportSchema)
		);
		expect(both.valid).toBe(true);
		expect(both.data).toEqual({
			person: PERSON,
			session: 12,
			reason: 'scam',
			details: 'Hỏi mã OTP',
			block: true
		});

		const onlyBlock = await superValidate(
			posted([
				['person', PERSON],
				['session', ''],
				['block', 'on']
			]),
			adapter(reportSchema)
		);
		expect(onlyBlock.valid).toBe(true);
		expect(onlyBlock.data.session).toBeNull();

		const onlyReport = await superValidate(
			posted([
				['person', PERSON],
				['reason', 'harassment']
			]),
			adapter(reportSchema)
		);
		expect(onlyReport.valid).toBe(true);
		expect(onlyReport.data.block).toBe(false);
	});

	it('asks for one of the two, and refuses a made-up reason or person', async () => {
		const nothing = await superValidate(posted([['person', PERSON]]), adapter(reportSchema));
		expect(nothing.valid).toBe(false);
		expect(nothing.errors.reason).toEqual(['safety.report.nothing_chosen']);

		const forged = await superValidate(
			posted([
				['person', 'me'],
				['reason', 'spam']
			]),
			adapter(reportSchema)
		);
		expect(forged.valid).toBe(false);
		expect(forged.errors.person).toEqual(['validation.invalid']);
		expect(forged.errors.reason).toEqual(['safety.report.reason_required']);
	});
});
