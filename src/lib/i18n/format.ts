// Dates, times and numbers as people in Vietnam read them: always in Asia/Ho_Chi_Minh.
import { INTL_TAGS, TIME_ZONE, type Locale } from './config';

type DateInput = Date | string | number;

function toDate(value: DateInput): Date {
	return value instanceof Date ? value : new Date(value);
}

/** 29/11/2026 (vi) or 29/11/2026 (en-GB). */
export function formatDate(value: DateInput, locale: Locale): string {
	return new Intl.DateTimeFormat(INTL_TAGS[locale], {
		timeZone: TIME_ZONE,
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	}).format(toDate(value));
}

/** Thứ Hai, 30 tháng 11, 2026 (vi) or Monday 30 November 2026 (en). */
export function formatLongDate(value: DateInput, locale: Locale): string {
	return new Intl.DateTimeFormat(INTL_TAGS[locale], {
		timeZone: TIME_ZONE,
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric'
	}).format(toDate(value));
}

/** 24-hour clock in both languages: 14:30. */
export function formatTime(value: DateInput, locale: Locale): string {
	return new Intl.DateTimeFormat(INTL_TAGS[locale], {
		timeZone: TIME_ZONE,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(toDate(value));
}

export function formatDateTime(value: DateInput, locale: Locale): string {
	return `${formatTime(value, locale)} ${formatDate(value, locale)}`;
}

/** 1.234.567 (vi) or 1,234,567 (en). */
export function formatNumber(
	value: number,
	locale: Locale,
	options?: Intl.NumberFormatOptions
): string {
	return new Intl.NumberFormat(INTL_TAGS[locale], options).format(value);
}

/** Distances: metres below 1 km, otherwise kilometres with one decimal. */
export function formatDistance(metres: number, locale: Locale): string {
	if (metres < 1000) return `${formatNumber(Math.round(metres), locale)} m`;
	return `${formatNumber(metres / 1000, locale, { maximumFractionDigits: 1 })} km`;
}
