import { DEFAULT_LOCALE, isLocale, type Locale } from './config';

/** Picks the best supported locale from an Accept-Language header, honouring q-values. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
	if (!header) return null;
	const ranked = header
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q ? Number(q.slice(2)) : 1;
			return { base: tag.trim().toLowerCase().split('-')[0] ?? '', weight, index };
		})
		.filter((entry) => entry.weight > 0 && !Number.isNaN(entry.weight))
		.sort((a, b) => b.weight - a.weight || a.index - b.index);
	return ranked.map((entry) => entry.base).find(isLocale) ?? null;
}

interface LocaleSources {
	profile?: string | null;
	cookie?: string | null;
	acceptLanguage?: string | null;
}

/** The locale for one request: profile, then cookie, then Accept-Language, then Vietnamese. */
export function resolveLocale({ profile, cookie, acceptLanguage }: LocaleSources): Locale {
	if (isLocale(profile)) return profile;
	if (isLocale(cookie)) return cookie;
	return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
