import { describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms';
import { adapter } from '$lib/forms/server';
import { changePhoneSchema, findPersonSchema } from './ward-phone';

function form(entries: Record<string, string>): FormData {
	const data = new FormData();
	for (const [key, value] of Object.entries(entries)) data.append(key, value);
	return data;
}

describe('the ward office phone forms', () => {
	it('choose no paper by default: how identity was checked is a required choice', async () => {
		const empty = await superValidate(adapter(changePhoneSchema));
		expect(empty.data.method).toBe('');
		const posted = await superValidate(
			form({ new_phone: '091 234 5678' }),
			adapter(changePhoneSchema)
		);
		expect(posted.valid).toBe(false);
		expect(posted.errors.method).toEqual(['office.validation.method_required']);
	});

	it('take numbers as people type them and refuse a landline', async () => {
		const ok = await superValidate(
			form({ method: 'citizen_id_card', new_phone: '091 234 5678' }),
			adapter(changePhoneSchema)
		);
		expect(ok.valid).toBe(true);
		expect(ok.data).toEqual({ method: 'citizen_id_card', new_phone: '+84912345678' });
		const landline = await superValidate(
			form({ method: 'passport', new_phone: '028 3829 1234' }),
			adapter(changePhoneSchema)
		);
		expect(landline.errors.new_phone).toEqual(['validation.phone_invalid']);
		const find = await superValidate(
			form({ current_phone: '+84 90 123 4567' }),
			adapter(findPersonSchema)
		);
		expect(find.data.current_phone).toBe('+84901234567');
	});
});
