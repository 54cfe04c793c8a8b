import { describe, expect, it } from 'vitest';
import { formatVietnamesePhone, normalizeVietnamesePhone } from './phone';

describe('normalizeVietnamesePhone', () => {
	it.each([
		'0901234567',
		'090 123 4567',
		'090.123.4567',
		'090-123-4567',
		'(090) 123 4567',
		'+84901234567',
		'+84 90 123 4567',
		'+84 090 123 4567',
		'84901234567',
		'0084901234567',
		'901234567',
		'  0901234567  '
	])('accepts %s', (input) => {
		expect(normalizeVietnamesePhone(input)).toBe('+84901234567');
	});

	it.each(['0321234567', '0551234567', '0761234567', '0861234567', '0981234567'])(
		'accepts the mobile range of %s',
		(input) => {
			expect(normalizeVietnamesePhone(input)).toBe(`+84${input.slice(1)}`);
		}
	);

	it.each([
		'',
		'abc',
		'090123456',
		'09012345678',
		'0201234567',
		'02838123456',
		'+1 202 555 0143',
		'+84 1234',
		'0901234567x',
		'090123456a',
		'+8490123456789'
	])('rejects %s', (input) => {
		expect(normalizeVietnamesePhone(input)).toBeNull();
	});
});

describe('formatVietnamesePhone', () => {
	it('writes E.164 numbers the local way', () => {
		expect(formatVietnamesePhone('+84901234567')).toBe('090 123 4567');
		expect(formatVietnamesePhone('something else')).toBe('something else');
	});
});
