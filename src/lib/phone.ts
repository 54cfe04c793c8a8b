// Vietnamese mobile numbers to E.164 (+84…), the form GoTrue stores and sends SMS to.

const SEPARATORS = /[\s.\-()]/g;
/** The 9 digits after +84: mobile ranges start with 3, 5, 7, 8 or 9. */
const NATIONAL_MOBILE = /^[35789]\d{8}$/;

/**
 * Accepts what people type: `0901234567`, `090 123 4567`, `090.123.4567`, `+84 90 123 4567`,
 * `+84 090…`, `84901234567`, `0084…`. Returns `+84901234567`, or null when it is not a Vietnamese
 * mobile number (landlines cannot receive SMS codes).
 */
export function normalizeVietnamesePhone(input: string): string | null {
	const compact = input.trim().replace(SEPARATORS, '');
	let national: string;
	if (compact.startsWith('+84')) national = compact.slice(3);
	else if (compact.startsWith('0084')) national = compact.slice(4);
	else if (compact.startsWith('84') && compact.length === 11) national = compact.slice(2);
	else if (compact.startsWith('0')) national = compact.slice(1);
	else national = compact;
	// People often keep the trunk zero after the country code: +84 090…
	if (national.length === 10 && national.startsWith('0')) national = national.slice(1);
	return NATIONAL_MOBILE.test(national) ? `+84${national}` : null;
}

/** +84901234567 → 090 123 4567, the way the number is written at home. */
export function formatVietnamesePhone(e164: string): string {
	const match = /^\+84(\d{2})(\d{3})(\d{4})$/.exec(e164);
	return match ? `0${match[1]} ${match[2]} ${match[3]}` : e164;
}
