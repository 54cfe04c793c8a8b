import { describe, expect, it } from 'vitest';
import { minutesBetween, vietnamInstant, vietnamParts } from './time';

describe('lesson times in Vietnam', () => {
	it('reads a date and time typed in Vietnam', () => {
		expect(vietnamInstant('2026-12-05', '09:30')?.toISOString()).toBe('2026-12-05T02:30:00.000Z');
	});

	it('refuses malformed input', () => {
		expect(vietnamInstant('05/12/2026', '09:30')).toBeNull();
		expect(vietnamInstant('2026-12-05', '9h')).toBeNull();
		expect(vietnamInstant('2026-13-45', '09:30')).toBeNull();
	});

	it('gives back what the inputs show, across midnight UTC', () => {
		expect(vietnamParts('2026-12-04T20:15:00Z')).toEqual({ date: '2026-12-05', time: '03:15' });
		expect(minutesBetween('2026-12-04T20:15:00Z', '2026-12-04T21:45:00Z')).toBe(90);
	});
});
