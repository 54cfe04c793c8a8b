import { describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms';
import { adapter } from '$lib/forms/server';
import { claimSchema, normalizeClaimCode } from './claim';

async function validate(code: string) {
	const data = new FormData();
	data.append('code', code);
	return superValidate(data, adapter(claimSchema));
}

describe('the claim code form', () => {
	it('takes the code as people write it: lower case, spaces, dashes', async () => {
		expect(normalizeClaimCode(' abcd-2345 ')).toBe('ABCD2345');
		const result = await validate('abcd 2345');
		expect(result.valid).toBe(true);
		expect(result.data.code).toBe('ABCD2345');
	});

	it('says what is missing or misshapen before asking the database (no attempt is spent)', async () => {
		expect((await validate('')).errors.code).toEqual(['claim.validation.code_required']);
		expect((await validate('ABCD234')).errors.code).toEqual(['claim.validation.code_shape']);
		// 0, 1, O and I are never in a code.
		expect((await validate('ABCD2340')).errors.code).toEqual(['claim.validation.code_shape']);
	});
});
