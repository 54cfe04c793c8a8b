import { describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms';
import { adapter } from '$lib/forms/server';
import { deleteSchema, exportSchema } from './data-rights';

function posted(confirm: string) {
	const data = new FormData();
	data.append('confirm', confirm);
	return data;
}

describe('confirmation words', () => {
	it('accept the word in either language, whatever the case, spaces or Vietnamese marks', async () => {
		for (const word of ['xem', ' XEM ', 'Xem', 'show']) {
			expect((await superValidate(posted(word), adapter(exportSchema))).valid).toBe(true);
		}
		for (const word of ['XOA', 'xóa', 'Xoá', 'delete']) {
			expect((await superValidate(posted(word), adapter(deleteSchema))).valid).toBe(true);
		}
	});

	it('refuse anything else with a message key, and never mix up the two acts', async () => {
		for (const word of ['', 'có', 'XOA', 'x'.repeat(50)]) {
			const result = await superValidate(posted(word), adapter(exportSchema));
			expect(result.valid).toBe(false);
			expect(new Set(result.errors.confirm)).toEqual(new Set(['data.confirm.wrong']));
		}
		expect((await superValidate(posted('XEM'), adapter(deleteSchema))).valid).toBe(false);
	});
});
