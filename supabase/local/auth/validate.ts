// Input normalisation exactly as GoTrue does it, so stored values match a real project.
import { validationFailed } from './errors';

const PHONE = /^[1-9]\d{1,14}$/;
// GoTrue's own check is permissive too; this refuses only what is clearly not an address.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** E.164 digits without '+', the form GoTrue stores in auth.users.phone. */
export function normalisePhone(raw: unknown): string {
	const phone = String(raw ?? '')
		.trim()
		.replace(/^\+/, '')
		.replace(/[\s\-()]/g, '');
	if (!PHONE.test(phone)) throw validationFailed('Invalid phone number format (E.164 required)');
	return phone;
}

export function normaliseEmail(raw: unknown): string {
	const email = String(raw ?? '')
		.trim()
		.toLowerCase();
	if (email.length > 255 || !EMAIL.test(email)) {
		throw validationFailed('Unable to validate email address: invalid format');
	}
	return email;
}

/** Go's time.ParseDuration subset used for `ban_duration` ("24h", "1h30m", "90s"). */
export function parseGoDuration(text: string): number {
	const units: Record<string, number> = {
		ns: 1e-6,
		us: 1e-3,
		µs: 1e-3,
		ms: 1,
		s: 1000,
		m: 60_000,
		h: 3_600_000
	};
	const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
	let total = 0;
	let consumed = 0;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		total += Number(m[1]) * (units[m[2] as string] ?? 0);
		consumed = re.lastIndex;
	}
	if (!text || consumed !== text.length) {
		throw badDuration();
	}
	return total;
}

function badDuration() {
	return validationFailed('invalid format for ban duration: time: invalid duration');
}
