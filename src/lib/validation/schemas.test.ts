import { describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms';
import type { ZodValidationSchema } from 'sveltekit-superforms/adapters';
import { adapter } from '$lib/forms/server';
import vi from '$lib/i18n/locales/vi';
import { codeSchema, emailPasswordSchema, emailSchema, phoneSchema } from './auth';
import { onboardingSchema, profileSchema } from './profile';
import { displaySchema, localeSchema } from './settings';

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
}

/** Every message key in the Vietnamese messages. */
const KEYS = new Set<string>();
(function walk(node: object, prefix: string) {
	for (const [key, value] of Object.entries(node)) {
		if (typeof value === 'string') KEYS.add(prefix + key);
		else walk(value as object, `${prefix}${key}.`);
	}
})(vi, '');

/** Validates like a form action does, and checks that every error is a message key. */
async function validate(schema: ZodValidationSchema, entries: [string, string][]) {
	const result = await superValidate(form(entries), adapter(schema));
	const messages = JSON.stringify(result.errors).match(/"[^"]*\.[^"]*"/g) ?? [];
	for (const message of messages) expect(KEYS).toContain(JSON.parse(message));
	return result;
}

describe('sign-in schemas', () => {
	it('normalises the phone number', async () => {
		const result = await validate(phoneSchema, [['phone', '090 123 4567']]);
		expect(result.valid).toBe(true);
		expect(result.data).toEqual({ phone: '+84901234567' });
	});

	it('names the problem and keeps what was typed', async () => {
		const bad = await validate(phoneSchema, [['phone', '12345']]);
		expect(bad.errors).toEqual({ phone: ['validation.phone_invalid'] });
		expect(bad.data).toEqual({ phone: '12345' });
		expect((await validate(phoneSchema, [['phone', '  ']])).errors).toEqual({
			phone: ['validation.phone_required']
		});
		expect((await validate(phoneSchema, [])).errors).toEqual({
			phone: ['validation.phone_required']
		});
	});

	it('accepts a 6-digit code with spaces', async () => {
		expect((await validate(codeSchema, [['code', '123 456']])).data).toEqual({ code: '123456' });
		expect((await validate(codeSchema, [['code', '12345']])).errors).toEqual({
			code: ['validation.code_invalid']
		});
	});

	it('checks e-mail and password', async () => {
		const ok = await validate(emailPasswordSchema, [
			['email', ' Lan@Example.com '],
			['password', 'x']
		]);
		expect(ok.data).toEqual({ email: 'lan@example.com', password: 'x' });
		const bad = await validate(emailPasswordSchema, [['email', 'lan@']]);
		expect(bad.errors).toEqual({
			email: ['validation.email_invalid'],
			password: ['validation.password_required']
		});
		expect((await validate(emailSchema, [['email', 'a@b.vn']])).valid).toBe(true);
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
	it('parses checkboxes, languages and an empty location', async () => {
		const result = await validate(profileSchema, [...validProfile, ['lat', ''], ['lng', '']]);
		expect(result.valid).toBe(true);
		expect(result.data).toEqual({
			display_name: 'Cô Lan',
			wants_to_learn: true,
			can_teach: false,
			ward_id: 12,
			lat: null,
			lng: null,
			languages: ['vi', 'en'],
			text_size: 'large',
			high_contrast: false
		});
	});

	it('accepts a point picked on the map', async () => {
		const result = await validate(profileSchema, [
			...validProfile,
			['lat', '10.7769'],
			['lng', '106.7009']
		]);
		expect([result.data.lat, result.data.lng]).toEqual([10.7769, 106.7009]);
	});

	it('requires a role, a ward, a language, and a whole location', async () => {
		const result = await validate(profileSchema, [
			['display_name', ''],
			['lat', '10.7']
		]);
		expect(result.errors).toEqual({
			display_name: ['validation.display_name_required'],
			ward_id: ['validation.ward_required'],
			languages: { _errors: ['validation.language_required'] },
			roles: ['validation.role_required'],
			lat: ['validation.location_invalid']
		});
		const far = await validate(profileSchema, [...validProfile, ['lat', '91'], ['lng', '106']]);
		expect(far.errors).toEqual({ lat: ['validation.location_invalid'] });
	});

	it('answers a tampered ward id or language with a field error, not a crash', async () => {
		for (const ward of ['12345678901234567890', '-3', 'x', '']) {
			const { errors } = await validate(profileSchema, [
				...validProfile.filter(([k]) => k !== 'ward_id'),
				['ward_id', ward]
			]);
			expect((errors as Record<string, string[]>).ward_id?.[0], ward).toBe(
				'validation.ward_required'
			);
		}
		const odd = await validate(profileSchema, [...validProfile, ['languages', 'xx']]);
		expect(odd.valid).toBe(false);
	});

	it('requires both consents at onboarding, unticked at first', async () => {
		const without = await validate(onboardingSchema, validProfile);
		expect(without.errors).toEqual({
			consent_terms: ['validation.consent_terms_required'],
			consent_personal_data: ['validation.consent_data_required']
		});
		const empty = await superValidate(adapter(onboardingSchema));
		expect([empty.data.consent_terms, empty.data.consent_personal_data]).toEqual([false, false]);
		const withConsent = await validate(onboardingSchema, [
			...validProfile,
			['consent_terms', 'on'],
			['consent_personal_data', 'on']
		]);
		expect(withConsent.valid).toBe(true);
	});
});

describe('settings schemas', () => {
	it('accepts only supported locales and local redirect paths', async () => {
		const ok = await validate(localeSchema, [
			['locale', 'en'],
			['redirect_to', '/profile']
		]);
		expect(ok.data).toEqual({ locale: 'en', redirect_to: '/profile' });
		for (const target of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
			const result = await validate(localeSchema, [
				['locale', 'vi'],
				['redirect_to', target]
			]);
			expect(result.data.redirect_to).toBe('/');
		}
		expect((await validate(localeSchema, [['locale', 'fr']])).valid).toBe(false);
	});

	it('reads the display preferences', async () => {
		const result = await validate(displaySchema, [
			['text_size', 'xlarge'],
			['high_contrast', 'on']
		]);
		expect(result.data).toEqual({ text_size: 'xlarge', high_contrast: true, redirect_to: '/' });
		expect((await validate(displaySchema, [['text_size', 'huge']])).valid).toBe(false);
	});
});
