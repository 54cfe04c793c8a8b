// Message keys for the stored codes of a request, so every page words them the same way.
import type { MessageKey } from '$lib/i18n';

const TIME_KEYS: Record<string, MessageKey> = {
	weekday_morning: 'requests.slot.weekday_morning',
	weekday_afternoon: 'requests.slot.weekday_afternoon',
	weekday_evening: 'requests.slot.weekday_evening',
	weekend_morning: 'requests.slot.weekend_morning',
	weekend_afternoon: 'requests.slot.weekend_afternoon',
	weekend_evening: 'requests.slot.weekend_evening'
};

export function timeLabel(slot: string): MessageKey {
	return TIME_KEYS[slot] ?? 'requests.slot.any';
}
