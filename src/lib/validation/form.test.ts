import { describe, expect, it } from 'vitest';
import { formToObject } from './form';

describe('formToObject', () => {
	it('keeps every value of array fields and the first of the others', () => {
		const form = new FormData();
		form.append('languages', 'vi');
		form.append('languages', 'en');
		form.append('name', 'Lan');
		form.append('name', 'ignored');
		expect(formToObject(form, ['languages', 'missing'])).toEqual({
			languages: ['vi', 'en'],
			name: 'Lan',
			missing: []
		});
	});

	it('ignores uploaded files', () => {
		const form = new FormData();
		form.append('photo', new Blob(['x']), 'x.png');
		expect(formToObject(form)).toEqual({ photo: undefined });
	});
});
