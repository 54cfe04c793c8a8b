// The ward's recognition list as the page and the CSV need it: the ward and month read from the
// address, a refusal by the database turned into 403, and the CSV text (UTF-8 with a BOM, so
// spreadsheet programs keep the Vietnamese letters).
import { error } from '@sveltejs/kit';
import { stringify } from 'csv-stringify/sync';
import type { Locale } from '$lib/i18n/config';
import { translate } from '$lib/i18n/translate';
import * as credentials from '$lib/server/db/credentials';
import { DbError } from '$lib/server/db/errors';
import { currentMonth, recognitionMonthSchema } from '$lib/validation/recognition';
import type { Supabase } from '$lib/types/db';

export function wardAndMonth(params: { ward: string }, url: URL) {
	const ward = Number(params.ward);
	if (!Number.isSafeInteger(ward) || ward < 1) error(404, 'Not found');
	const given = url.searchParams.get('month');
	const parsed = recognitionMonthSchema.safeParse({ month: given ?? currentMonth() });
	return {
		ward,
		month: parsed.success ? parsed.data.month : currentMonth(),
		monthValid: parsed.success
	};
}

export async function recognitionList(
	supabase: Supabase,
	ward: number,
	month: string,
	format: 'csv' | 'print'
) {
	try {
		return await credentials.wardRecognition(supabase, ward, month, format);
	} catch (err) {
		if (err instanceof DbError && err.cause.code === '42501') error(403, 'Forbidden');
		throw err;
	}
}

export function hoursOf(minutes: number): string {
	return (Math.round((minutes / 60) * 10) / 10).toString();
}

export function recognitionCsv(rows: credentials.RecognitionRow[], locale: Locale): string {
	const col = (key: 'name' | 'lessons' | 'learners' | 'hours' | 'badges') =>
		translate(locale, `credentials.recognition.col_${key}`);
	const body = stringify(
		rows.map((r) => [
			r.display_name ?? translate(locale, 'credentials.recognition.no_name'),
			r.lessons,
			r.learners,
			hoursOf(r.minutes),
			locale === 'en' ? r.badges_en : r.badges_vi
		]),
		{
			header: true,
			columns: [col('name'), col('lessons'), col('learners'), col('hours'), col('badges')],
			record_delimiter: 'windows'
		}
	);
	return '\uFEFF' + body;
}
