import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDistance } from './format';

// 23:30 UTC on 29 Nov is 06:30 on 30 Nov in Ho Chi Minh City (UTC+7, no daylight saving).
const lateUtc = '2026-11-29T23:30:00Z';

describe('formatDate', () => {
	it('shows dates in Asia/Ho_Chi_Minh, day first', () => {
		expect(formatDate(lateUtc, 'vi')).toBe('30/11/2026');
		expect(formatDate(lateUtc, 'en')).toBe('30/11/2026');
	});

	it('accepts Date objects and epoch numbers', () => {
		const date = new Date(lateUtc);
		expect(formatDate(date, 'vi')).toBe(formatDate(date.getTime(), 'vi'));
	});
});

describe('formatDateTime', () => {
	it('gives the time on a 24-hour clock, then the date, in Asia/Ho_Chi_Minh', () => {
		expect(formatDateTime(lateUtc, 'vi')).toBe('06:30 30/11/2026');
		expect(formatDateTime(lateUtc, 'en')).toBe('06:30 30/11/2026');
	});
});

describe('formatDistance', () => {
	it('says metres below a kilometre and kilometres with one decimal above', () => {
		expect(formatDistance(812.4, 'vi')).toBe('812 m');
		expect(formatDistance(1500, 'vi')).toBe('1,5 km');
		expect(formatDistance(1500, 'en')).toBe('1.5 km');
		expect(formatDistance(3000, 'vi')).toBe('3 km');
	});
});
