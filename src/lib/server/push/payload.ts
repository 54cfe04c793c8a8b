// The text of a push, in the recipient's language, built from a notification row (message keys and
// values written by the database) and kept within one aes128gcm record.
import { formatDateTime } from '../../i18n/format';
import { isLocale, DEFAULT_LOCALE, type Locale } from '../../i18n/config';
import type { MessageKey } from '../../i18n/keys';
import { translate } from '../../i18n/translate';
import { MAX_PAYLOAD_BYTES, type SendOptions } from './sender';

export interface OutboxNotification {
	id: number;
	locale: string;
	kind: string;
	title: string;
	body: string;
	url: string | null;
	params: Record<string, unknown> | null;
	session_id: number | null;
}

/** What the service worker receives (`src/service-worker/push.ts` shows it). */
export interface PushPayload {
	id: number;
	title: string;
	body: string;
	url: string;
	/** Same tag, same notification: a message that arrives twice is shown once. */
	tag: string;
	lang: Locale;
}

/**
 * The reason of a notice: as typed, except the neutral codes the database writes when it must not
 * say why (a block, a suspension), which are said in the reader's language.
 */
function reasonText(locale: Locale, reason: unknown): string {
	if (reason === 'unavailable') return translate(locale, 'ward.reasons.unavailable');
	return String(reason ?? '—');
}

function values(locale: Locale, params: Record<string, unknown>): Record<string, string> {
	const startsAt = typeof params.starts_at === 'string' ? params.starts_at : null;
	const skill = locale === 'en' ? (params.skill_en ?? params.skill_vi) : params.skill_vi;
	const badge = locale === 'en' ? (params.badge_en ?? params.badge_vi) : params.badge_vi;
	return {
		skill: String(skill ?? ''),
		badge: String(badge ?? ''),
		teacher: String(params.teacher ?? ''),
		reason: reasonText(locale, params.reason),
		// The ward office's phone change names the new number by its last 3 digits only.
		last3: String(params.last3 ?? ''),
		when: startsAt ? formatDateTime(startsAt, locale) : ''
	};
}

function text(locale: Locale, key: string, vals: Record<string, string>, fallback: MessageKey) {
	try {
		return translate(locale, key as MessageKey, vals);
	} catch {
		return translate(locale, fallback, vals);
	}
}

/** Title and body in the reader's language: keys (params set) are translated, plain text kept. */
export function renderNotification(n: OutboxNotification): { title: string; body: string } {
	const locale = isLocale(n.locale) ? n.locale : DEFAULT_LOCALE;
	if (!n.params) return { title: n.title, body: n.body };
	const vals = values(locale, n.params);
	return {
		title: text(locale, n.title, vals, 'notify.fallback.title'),
		body: text(locale, n.body, vals, 'notify.fallback.body')
	};
}

export function buildPayload(n: OutboxNotification): string {
	const { title, body } = renderNotification(n);
	const payload: PushPayload = {
		id: n.id,
		title,
		body,
		url: n.url ?? '/notifications',
		tag: `n${n.id}`,
		lang: isLocale(n.locale) ? n.locale : DEFAULT_LOCALE
	};
	let json = JSON.stringify(payload);
	// Cut the body (never the title or link) until the whole message fits one record.
	while (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES && payload.body.length > 0) {
		const over = Buffer.byteLength(json) - MAX_PAYLOAD_BYTES;
		payload.body =
			payload.body.slice(0, Math.max(0, payload.body.length - Math.max(over, 16))) + '…';
		json = JSON.stringify(payload);
	}
	return json;
}

const URGENT = new Set(['reminder_1h', 'session_cancelled', 'session_rescheduled']);

/** TTL, Urgency and Topic for a notification: reminders expire with their lesson. */
export function sendOptions(n: OutboxNotification): SendOptions {
	const ttl = n.kind === 'reminder_1h' ? 3600 : n.kind === 'reminder_24h' ? 23 * 3600 : 4 * 86400;
	return {
		ttl,
		urgency: URGENT.has(n.kind) ? 'high' : 'normal',
		topic: `n${n.id}`
	};
}
