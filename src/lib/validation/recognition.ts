// The month chooser of the ward's recognition list (a GET form: the month is in the address, so the
// printable page and the CSV link share it).
import { z } from 'zod';

export const recognitionMonthSchema = z.object({
	month: z
		.string()
		.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'credentials.recognition.month_error' })
});

/** This month in Vietnam, as `YYYY-MM`. */
export function currentMonth(now = new Date()): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Asia/Ho_Chi_Minh',
		year: 'numeric',
		month: '2-digit'
	}).formatToParts(now);
	const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${get('year')}-${get('month')}`;
}
