// The monthly report of a ward as CSV: one row per figure, labels in the reader's language.
import { stringify } from 'csv-stringify/sync';
import { translate } from '$lib/i18n/translate';
import type { Locale } from '$lib/i18n/config';
import type { MessageKey } from '$lib/i18n/keys';
import type { MonthlyReport } from '$lib/server/db/ward-board';

/** Rows: section, item, lessons, people, hours (empty where a figure does not apply). */
export function monthlyCsv(report: MonthlyReport, wardName: string, locale: Locale): string {
	const tr = (key: MessageKey) => translate(locale, key);
	const rows: (string | number)[][] = [
		[
			tr('ward.csv.section'),
			tr('ward.csv.item'),
			tr('ward.table.lessons'),
			tr('ward.table.people'),
			tr('ward.table.hours')
		],
		[tr('ward.csv.ward'), wardName, '', '', ''],
		[tr('ward.csv.month'), report.month, '', '', ''],
		[tr('ward.csv.total'), '', report.lessons, report.people, report.hours],
		[tr('ward.csv.requests_48h'), `${report.matched_48h}/${report.requests}`, '', '', '']
	];
	for (const s of report.by_skill) {
		rows.push([
			tr('ward.csv.skill'),
			locale === 'en' ? s.title_en : s.title_vi,
			s.lessons,
			s.people,
			s.hours
		]);
	}
	for (const g of report.by_group) {
		rows.push([
			tr('ward.csv.group'),
			tr(`ward.groups.${g.group}` as MessageKey),
			g.attendances,
			g.people,
			''
		]);
	}
	// A byte-order mark, so spreadsheet programs read the Vietnamese letters as UTF-8.
	return '\uFEFF' + stringify(rows);
}
