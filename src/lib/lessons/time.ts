// Lesson times as people type them: a date and a clock time in Vietnam (Asia/Ho_Chi_Minh, UTC+7
// all year, no daylight saving), turned into instants and back.
import { TIME_ZONE } from '$lib/i18n/config';

/** The lengths a lesson may be, in minutes (the database allows up to eight hours). */
export const DURATIONS = [30, 45, 60, 90, 120] as const;

/** `2026-12-05` + `09:30` in Vietnam → the instant; null when either part is malformed. */
export function vietnamInstant(date: string, time: string): Date | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
	const instant = new Date(`${date}T${time}:00+07:00`);
	return Number.isNaN(instant.getTime()) ? null : instant;
}

/** The date and clock time (`YYYY-MM-DD`, `HH:MM`) of an instant in Vietnam, for date/time inputs. */
export function vietnamParts(value: Date | string): { date: string; time: string } {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(new Date(value));
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return {
		date: `${get('year')}-${get('month')}-${get('day')}`,
		time: `${get('hour')}:${get('minute')}`
	};
}

/** Minutes between two instants, rounded. */
export function minutesBetween(start: Date | string, end: Date | string): number {
	return Math.round((new Date(end).getTime() - new Date(start).getTime()) / 60_000);
}
