// Form messages are i18n keys, typed where they are written, so a typo fails `npm run check`.
import type { MessageKey } from '$lib/i18n/keys';
import type { MessageValues } from '$lib/i18n';

/**
 * A zod message parameter naming an i18n key: `z.string(says('validation.phone_required'))`,
 * `.min(1, says(…))`, `.refine(fn, { ...says(…), path: ['roles'] })`.
 */
export const says = (key: MessageKey) => ({ error: key });

/** Every check that names no message of its own says this: never zod's English text on a page. */
export const FALLBACK_MESSAGE: MessageKey = 'validation.invalid';

/**
 * Superforms keeps errors as strings; every one of ours was written through `says()` or is the
 * fallback above (schemas.test.ts checks this against the message files), so this is the one place
 * where a string becomes a key again.
 */
export function errorKey(messages: readonly string[] | undefined): MessageKey | undefined {
	return messages?.[0] as MessageKey | undefined;
}

/** What a form says as a whole, above its fields (superforms' `message`). */
export interface FormMessage {
	key: MessageKey;
	values?: MessageValues;
	tone: 'ok' | 'error';
}
