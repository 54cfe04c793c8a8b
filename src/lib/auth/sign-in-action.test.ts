import { describe, expect, it } from 'vitest';
import { signInAction } from './sign-in-action';

describe('signInAction', () => {
	it('is the bare action when there is nowhere special to go', () => {
		expect(signInAction('sendPhoneCode', '/')).toBe('?/sendPhoneCode');
	});

	it('keeps where the person was heading, encoded', () => {
		const url = signInAction('verifyPhoneCode', '/onboarding?role=learn');
		expect(url).toBe('?redirect_to=%2Fonboarding%3Frole%3Dlearn&/verifyPhoneCode');
		expect(new URL(url, 'http://x/sign-in').searchParams.get('redirect_to')).toBe(
			'/onboarding?role=learn'
		);
	});

	it('keeps the e-mail method first', () => {
		expect(signInAction('sendEmailCode', '/profile', 'email')).toBe(
			'?method=email&redirect_to=%2Fprofile&/sendEmailCode'
		);
	});
});
