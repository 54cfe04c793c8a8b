import { describe, expect, it } from 'vitest';
import { signInUrl } from './sign-in-url';

describe('signInUrl', () => {
	it('is the bare page or action when there is nowhere special to go', () => {
		expect(signInUrl({ redirectTo: '/' })).toBe('/sign-in');
		expect(signInUrl({ redirectTo: '/' }, 'sendPhoneCode')).toBe('/sign-in?/sendPhoneCode');
	});

	it('keeps where the person was heading, encoded', () => {
		const url = signInUrl({ redirectTo: '/onboarding?role=learn', step: 'code' }, 'verifyCode');
		expect(url).toBe('/sign-in?step=code&redirect_to=%2Fonboarding%3Frole%3Dlearn&/verifyCode');
		expect(new URL(url, 'http://x').searchParams.get('redirect_to')).toBe('/onboarding?role=learn');
	});

	it('keeps the e-mail method when switching, and drops it when switching back', () => {
		expect(signInUrl({ redirectTo: '/profile', method: 'email' })).toBe(
			'/sign-in?method=email&redirect_to=%2Fprofile'
		);
		expect(signInUrl({ redirectTo: '/profile' })).toBe('/sign-in?redirect_to=%2Fprofile');
	});
});
