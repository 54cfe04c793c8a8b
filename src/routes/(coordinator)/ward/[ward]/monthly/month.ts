// The report month of `?month=YYYY-MM`, else the current month in Asia/Ho_Chi_Minh.
import { monthSchema } from '$lib/validation/ward-board';

export function reportMonth(url: URL, now = new Date()): string {
	const asked = monthSchema.safeParse(url.searchParams.get('month'));
	if (asked.success) return asked.data;
	return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 7);
}
