import { describe, expect, it } from 'vitest';
import { emailCodeSchema, emailPasswordSchema, phoneCodeSchema, phoneSchema } from './auth';
import { parseForm } from './form';
import { onboardingSchema, PROFILE_ARRAY_FIELDS, profileSchema } from './profile';
import { displaySchema, localeSchema } from './settings';

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
}

describe('sign-in schemas', () => {
	it('normalises the phone number', () => {
		const result = parseForm(phoneSchema, form([['phone', '090 123 4567']]));
		expect(result).toEqual({ ok: true, data: { phone: '+84901234567' } });
	});

	it('names the problem and keeps what was typed', () => {
		expect(parseForm(phoneSchema, form([['phone', '12345']]))).toEqual({
			ok: false,
			errors: { phone: 'validation.phone_invalid' },
			values: { phone: '12345' }
		});
		expect(parseForm(phoneSchema, form([['phone', '  ']]))).toMatchObject({
			errors: { phone: 'validation.phone_required' }
		});
		expect(parseForm(phoneSchema, form([]))).toMatchObject({
			errors: { phone: 'validation.phone_required' }
		});
	});

	it('accepts a 6-digit code with spaces and never echoes it back', () => {
		expect(
			parseForm(
				phoneCodeSchema,
				form([
					['phone', '0901234567'],
					['code', '123 456']
				])
			)
		).toEqual({
			ok: true,
			data: { phone: '+84901234567', code: '123456' }
		});
		const bad = parseForm(
			phoneCodeSchema,
			form([
				['phone', '0901234567'],
				['code', '12345']
			])
		);
		expect(bad).toEqual({
			ok: false,
			errors: { code: 'validation.code_invalid' },
			values: { phone: '0901234567' }
		});
	});

	it('checks e-mail and password, never returning the password', () => {
		const ok = parseForm(
			emailPasswordSchema,
			form([
				['email', ' Lan@Example.com '],
				['password', 'x']
			])
		);
		expect(ok).toEqual({ ok: true, data: { email: 'lan@example.com', password: 'x' } });
		const bad = parseForm(
			emailPasswordSchema,
			form([
				['email', 'lan@'],
				['password', 'secret']
			])
		);
		expect(bad).toEqual({
			ok: false,
			errors: { email: 'validation.email_invalid' },
			values: { email: 'lan@' }
		});
		expect(
			parseForm(
				emailCodeSchema,
				form([
					['email', 'a@b.vn'],
					['code', '000111']
				])
			).ok
		).toBe(true);
	});
});

const validProfile: [string, string][] = [
	['display_name', ' Cô Lan '],
	['wants_to_learn', 'on'],
	['ward_id', '12'],
	['languages', 'vi'],
	['languages', 'en'],
	['text_size', 'large']
];

describe('profile schemas', () => {
	it('parses checkboxes, languages and an empty location', () => {
		const result = parseForm(profileSchema, form(validProfile), PROFILE_ARRAY_FIELDS);
		expect(result).toEqual({
			ok: true,
			data: {
				display_name: 'Cô Lan',
				wants_to_learn: true,
				can_teach: false,
				ward_id: 12,
				lat: null,
				lng: null,
				languages: ['vi', 'en'],
				text_size: 'large',
				high_contrast: false
			}
		});
	});

	it('accepts a point picked on the map', () => {
		const result = parseForm(
			profileSchema,
			form([...validProfile, ['lat', '10.7769'], ['lng', '106.7009']]),
			PROFILE_ARRAY_FIELDS
		);
		expect(result.ok && [result.data.lat, result.data.lng]).toEqual([10.7769, 106.7009]);
	});

	it('requires a role, a ward, a language, and a whole location', () => {
		const result = parseForm(
			profileSchema,
			form([
				['display_name', ''],
				['lat', '10.7']
			]),
			PROFILE_ARRAY_FIELDS
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.errors).toEqual({
			display_name: 'validation.display_name_required',
			ward_id: 'validation.ward_required',
			languages: 'validation.language_required'
		});
		const roleless = parseForm(
			profileSchema,
			form(validProfile.filter(([k]) => k !== 'wants_to_learn')),
			PROFILE_ARRAY_FIELDS
		);
		expect(!roleless.ok && roleless.errors).toEqual({ roles: 'validation.role_required' });
		const half = parseForm(
			profileSchema,
			form([...validProfile, ['lat', '10.7']]),
			PROFILE_ARRAY_FIELDS
		);
		expect(!half.ok && half.errors).toEqual({ lat: 'validation.location_invalid' });
		const far = parseForm(
			profileSchema,
			form([...validProfile, ['lat', '91'], ['lng', '106']]),
			PROFILE_ARRAY_FIELDS
		);
		expect(!far.ok && far.errors).toEqual({ lat: 'validation.location_invalid' });
	});

	it('requires both consents at onboarding', () => {
		const without = parseForm(onboardingSchema, form(validProfile), PROFILE_ARRAY_FIELDS);
		expect(!without.ok && without.errors).toEqual({
			consent_terms: 'validation.consent_terms_required',
			consent_personal_data: 'validation.consent_data_required'
		});
		const withConsent = parseForm(
			onboardingSchema,
			form([...validProfile, ['consent_terms', 'on'], ['consent_personal_data', 'on']]),
			PROFILE_ARRAY_FIELDS
		);
		expect(withConsent.ok).toBe(true);
	});
});

describe('settings schemas', () => {
	it('accepts only supported locales and local redirect paths', () => {
		expect(
			parseForm(
				localeSchema,
				form([
					['locale', 'en'],
					['redirect_to', '/profile']
				])
			)
		).toEqual({
			ok: true,
			data: { locale: 'en', redirect_to: '/profile' }
		});
		for (const target of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
			const result = parseForm(
				localeSchema,
				form([
					['locale', 'vi'],
					['redirect_to', target]
				])
			);
			expect(result.ok && result.data.redirect_to).toBe('/');
		}
		expect(parseForm(localeSchema, form([['locale', 'fr']])).ok).toBe(false);
	});

	it('reads the display preferences', () => {
		expect(
			parseForm(
				displaySchema,
				form([
					['text_size', 'xlarge'],
					['high_contrast', 'on']
				])
			)
		).toEqual({
			ok: true,
			data: { text_size: 'xlarge', high_contrast: true, redirect_to: '/' }
		});
		expect(parseForm(displaySchema, form([['text_size', 'huge']])).ok).toBe(false);
	});
});
