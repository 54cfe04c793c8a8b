import { describe, expect, it } from 'vitest';
import { AuthError } from './errors';
import { normaliseRecipient } from './outbox';
import { normaliseEmail, normalisePhone, parseGoDuration } from './validate';

describe('input normalisation', () => {
	it('stores phones as GoTrue does: E.164 digits without +', () => {
		expect(normalisePhone('+84 912 345 678')).toBe('84912345678');
		expect(normalisePhone('84912345678')).toBe('84912345678');
		expect(() => normalisePhone('0912345678')).toThrow(AuthError);
		expect(() => normalisePhone('+84abc')).toThrow('Invalid phone number format (E.164 required)');
	});

	it('lower-cases e-mail addresses and refuses non-addresses', () => {
		expect(normaliseEmail(' Lan@Example.COM ')).toBe('lan@example.com');
		expect(() => normaliseEmail('lan@')).toThrow(
			'Unable to validate email address: invalid format'
		);
	});

	it('parses Go durations for ban_duration', () => {
		expect(parseGoDuration('24h')).toBe(86_400_000);
		expect(parseGoDuration('1h30m')).toBe(5_400_000);
		expect(parseGoDuration('90s')).toBe(90_000);
		expect(() => parseGoDuration('forever')).toThrow(AuthError);
	});

	it('matches outbox recipients however they are typed', () => {
		expect(normaliseRecipient('+84 912-345-678')).toBe('+84912345678');
		expect(normaliseRecipient('84912345678')).toBe('+84912345678');
		expect(normaliseRecipient('Lan@Example.com')).toBe('lan@example.com');
	});
});
