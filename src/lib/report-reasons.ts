/** Why someone is reported, as the database accepts it (public.reports.reason), most serious first. */
export const REPORT_REASONS = [
	'harassment',
	'scam',
	'safety',
	'inappropriate',
	'no_show',
	'other'
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
