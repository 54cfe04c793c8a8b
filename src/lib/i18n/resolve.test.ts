import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, resolveLocale } from './resolve';

describe('localeFromAcceptLanguage', () => {
	it('picks the highest-weighted supported language', () => {
		expect(localeFromAcceptLanguage('en-GB,en;q=0.9,vi;q=0.8')).toBe('en');
		expect(localeFromAcceptLanguage('fr-FR, vi;q=0.5, en;q=0.4')).toBe('vi');
		expect(localeFromAcceptLanguage('en;q=0.3, vi-VN;q=0.9')).toBe('vi');
	});

	it('ignores unsupported and zero-weighted languages', () => {
		expect(localeFromAcceptLanguage('fr, de')).toBeNull();
		expect(localeFromAcceptLanguage('en;q=0, fr')).toBeNull();
		expect(localeFromAcceptLanguage('')).toBeNull();
		expect(localeFromAcceptLanguage(null)).toBeNull();
		expect(localeFromAcceptLanguage('*')).toBeNull();
	});
});

describe('resolveLocale', () => {
	it('prefers the profile, then the cookie, then the header, then Vietnamese', () => {
		expect(resolveLocale({ profile: 'en', cookie: 'vi', acceptLanguage: 'vi' })).toBe('en');
		expect(resolveLocale({ profile: null, cookie: 'en', acceptLanguage: 'vi' })).toBe('en');
		expect(resolveLocale({ cookie: 'xx', acceptLanguage: 'en-US' })).toBe('en');
		expect(resolveLocale({ acceptLanguage: 'de' })).toBe('vi');
		expect(resolveLocale({})).toBe('vi');
	});
});
