// How one person in a ripple is named: their given name and ward if they chose to show it,
// otherwise only "someone in <ward>".
import type { Locale } from '$lib/i18n/config';
import type { MessageKey } from '$lib/i18n/keys';
import type { MessageValues } from '$lib/i18n';

export interface RipplePerson {
	given_name: string | null;
	ward_name_vi: string | null;
	ward_name_en: string | null;
}

export function personLabel(
	person: RipplePerson,
	locale: Locale,
	t: (key: MessageKey, values?: MessageValues) => string
): string {
	const ward = (locale === 'en' ? person.ward_name_en : person.ward_name_vi) ?? person.ward_name_vi;
	if (person.given_name) {
		return ward ? t('ripple.named_in', { name: person.given_name, ward }) : person.given_name;
	}
	return ward ? t('ripple.someone_in', { ward }) : t('ripple.someone');
}
