// Text built outside a page (push payloads, e-mails, the worker): the same message files and ICU
// syntax as `$t`, without the svelte-i18n store, so it is safe to call from any process and for
// several locales at once. Relative imports only: a plain tsx process has no SvelteKit aliases.
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, INTL_TAGS, TIME_ZONE, isLocale, type Locale } from './config';
import type { MessageKey } from './keys';
import en from './locales/en';
import vi from './locales/vi';

export type TranslateValues = Record<string, string | number | Date | null | undefined>;

type Tree = { readonly [key: string]: Tree | string };

const catalogs: Record<Locale, Tree> = { vi, en };
const compiled = new Map<string, IntlMessageFormat>();

// Dates in ICU arguments ({when, date, long}) are read in Vietnam's time zone, as everywhere else.
const formats = {
	date: {
		short: { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' },
		long: { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
	},
	time: { short: { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } }
} as const;

function lookup(tree: Tree, key: string): string | undefined {
	let node: Tree | string | undefined = tree;
	for (const part of key.split('.')) {
		if (typeof node !== 'object') return undefined;
		node = node[part];
	}
	return typeof node === 'string' ? node : undefined;
}

function formatter(locale: Locale, key: MessageKey): IntlMessageFormat {
	const cacheKey = `${locale}\u0000${key}`;
	let format = compiled.get(cacheKey);
	if (!format) {
		const message = lookup(catalogs[locale], key) ?? lookup(catalogs[DEFAULT_LOCALE], key);
		// Keys are typed, so this only happens if a message file and keys.ts disagree.
		if (message === undefined) throw new Error(`translate: no message for "${key}"`);
		format = new IntlMessageFormat(message, INTL_TAGS[locale], formats, { ignoreTag: true });
		compiled.set(cacheKey, format);
	}
	return format;
}

/**
 * One message in one locale, formatted like `$t(key, values)`. An unknown locale (say, from an
 * old database row) falls back to Vietnamese rather than failing a whole batch of notifications.
 */
export function translate(
	locale: Locale | string,
	key: MessageKey,
	values?: TranslateValues
): string {
	const wanted = isLocale(locale) ? locale : DEFAULT_LOCALE;
	const result = formatter(wanted, key).format(values as Record<string, string | number | Date>);
	return String(result);
}
