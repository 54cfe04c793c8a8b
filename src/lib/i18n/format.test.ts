import { describe, expect, it } from 'vitest';
import {
	formatDate,
	formatDateTime,
	formatDistance,
	formatLongDate,
	formatNumber,
	formatTime
} from './format';

// 23:30 UTC on 29 Nov is 06:30 on 30 Nov in Ho Chi Minh City (UTC+7, no daylight saving).
const lateUtc = '2026-11-29T23:30:00Z';

describe('format', () => {
	it('shows dates in Asia/Ho_Chi_Minh, day first', () => {
		expect(formatDate(lateUtc, 'vi')).toBe('30/11/2026');
		expect(formatDate(lateUtc, 'en')).toBe('30/11/2026');
	});

	it('uses a 24-hour clock in local time', () => {
		expect(formatTime(lateUtc, 'vi')).toBe('06:30');
		expect(formatTime(lateUtc, 'en')).toBe('06:30');
		expect(formatTime('2026-11-29T07:05:00Z', 'en')).toBe('14:05');
		expect(formatDateTime(lateUtc, 'vi')).toBe('06:30 30/11/2026');
	});

	it('names weekdays and months in each language', () => {
		expect(formatLongDate(lateUtc, 'vi').toLowerCase()).toContain('thứ hai');
		expect(formatLongDate(lateUtc, 'en')).toMatch(/^Monday,? 30 November 2026$/);
	});

	it('groups digits the local way', () => {
		expect(formatNumber(1234567, 'vi')).toBe('1.234.567');
		expect(formatNumber(1234567, 'en')).toBe('1,234,567');
		expect(formatNumber(2.5, 'vi')).toBe('2,5');
	});

	it('shows distances in metres or kilometres', () => {
		expect(formatDistance(350.4, 'vi')).toBe('350 m');
		expect(formatDistance(2450, 'vi')).toBe('2,5 km');
		expect(formatDistance(2450, 'en')).toBe('2.5 km');
	});

	it('accepts Date objects and epoch numbers', () => {
		const date = new Date(lateUtc);
		expect(formatDate(date, 'vi')).toBe(formatDate(date.getTime(), 'vi'));
	});
});
