import { describe, expect, it } from 'vitest';
import { translate } from './translate';

describe('translate', () => {
	it('reads the same message files as the store, per locale', () => {
		expect(translate('vi', 'errors.not_found.title')).not.toBe(
			translate('en', 'errors.not_found.title')
		);
		expect(translate('en', 'errors.not_found.title')).toBe('Page not found');
	});

	it('fills ICU placeholders', () => {
		expect(translate('en', 'errors.error_id', { id: 'ab12' })).toBe(
			'Error code (read it to whoever helps you): ab12'
		);
		expect(translate('vi', 'errors.error_id', { id: 'ab12' })).toContain('ab12');
	});

	it('falls back to Vietnamese for a locale the app does not speak', () => {
		expect(translate('fr', 'errors.not_found.title')).toBe(
			translate('vi', 'errors.not_found.title')
		);
	});

	it('rejects keys that do not exist at compile time', () => {
		// @ts-expect-error: not a message key
		expect(() => translate('en', 'errors.nope')).toThrow(/no message/);
	});

	it('works for both locales side by side, without shared state', () => {
		const both = ['vi', 'en', 'vi'].map((l) => translate(l, 'common.form.save'));
		expect(both[0]).toBe(both[2]);
		expect(both[1]).toBe('Save');
	});
});
