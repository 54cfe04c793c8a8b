// Dates and distances as people in Vietnam read them: always in Asia/Ho_Chi_Minh (translate.ts formats the
// dates and times inside messages the same way).
import { INTL_TAGS, TIME_ZONE, type Locale } from './config';

type DateInput = Date | string | number;

function toDate(value: DateInput): Date {
	return value instanceof Date ? value : new Date(value);
}

// Building an Intl.DateTimeFormat costs about 0.2 ms (it loads locale and time-zone data); the push
// sender formats one date per message, so one formatter per locale and shape is kept and reused.
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(
	locale: Locale,
	shape: 'date' | 'time',
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	const key = `${locale}:${shape}`;
	let format = formatters.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(INTL_TAGS[locale], { timeZone: TIME_ZONE, ...options });
		formatters.set(key, format);
	}
	return format;
}

/** 29/11/2026 (vi) or 29/11/2026 (en-GB). */
export function formatDate(value: DateInput, locale: Locale): string {
	return dateTimeFormat(locale, 'date', {
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	}).format(toDate(value));
}

/** 19:30 29/11/2026: when a lesson starts, as a reminder says it. */
export function formatDateTime(value: DateInput, locale: Locale): string {
	const time = dateTimeFormat(locale, 'time', {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(toDate(value));
	return `${time} ${formatDate(value, locale)}`;
}

/** Distances: metres below 1 km, otherwise kilometres with one decimal (800 m, 1,5 km). */
export function formatDistance(metres: number, locale: Locale): string {
	const number = (value: number, digits: number) =>
		new Intl.NumberFormat(INTL_TAGS[locale], { maximumFractionDigits: digits }).format(value);
	if (metres < 1000) return `${number(Math.round(metres), 0)} m`;
	return `${number(metres / 1000, 1)} km`;
}
