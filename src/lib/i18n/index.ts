// Typed translation store: `$t('auth.phone.label')` only accepts keys that exist in the messages.
import { format } from 'svelte-i18n';
import { derived } from 'svelte/store';
import type { MessageKey } from './keys';

export type MessageValues = Record<string, string | number | Date | null | undefined>;
export type { MessageKey } from './keys';
export { locale } from 'svelte-i18n';

export const t = derived(
	format,
	(formatMessage) => (key: MessageKey, values?: MessageValues) =>
		formatMessage(key, values ? { values } : undefined)
);
