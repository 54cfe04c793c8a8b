// Where the VAPID keys come from: VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY / VAPID_SUBJECT in production;
// on a developer's machine, generated on the first run and kept in a gitignored file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateVapidKeys, type VapidKeys } from './vapid';

/** Under supabase/.local-data/, which .gitignore already keeps out of git. */
export const DEFAULT_VAPID_FILE = 'supabase/.local-data/vapid.json';
const DEFAULT_SUBJECT = 'mailto:admin@binhdanhocvuso.local';

export function vapidKeysFrom(
	env: Record<string, string | undefined>,
	file = env.VAPID_KEYS_FILE ?? DEFAULT_VAPID_FILE
): VapidKeys {
	const subject = env.VAPID_SUBJECT ?? DEFAULT_SUBJECT;
	if (env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY) {
		return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject };
	}
	if (existsSync(file)) {
		const saved = JSON.parse(readFileSync(file, 'utf8')) as VapidKeys;
		return { ...saved, subject: env.VAPID_SUBJECT ?? saved.subject };
	}
	if (env.NODE_ENV === 'production' && !env.VAPID_KEYS_FILE) {
		throw new Error('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be set in production');
	}
	const keys = generateVapidKeys(subject);
	mkdirSync(dirname(file), { recursive: true });
	try {
		// 'wx': the app and the worker start together on a first run; only one pair may be written,
		// or browsers would subscribe with a key the worker does not sign with.
		writeFileSync(file, JSON.stringify(keys, null, '\t') + '\n', { mode: 0o600, flag: 'wx' });
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'EEXIST') return vapidKeysFrom(env, file);
		throw err;
	}
	return keys;
}

/**
 * The public key browsers subscribe with (`applicationServerKey`), or null when the server has no
 * keys (production without VAPID_* set): the page then says push is not set up instead of failing.
 */
export function vapidPublicKeyFrom(
	env: Record<string, string | undefined>,
	file?: string
): string | null {
	try {
		return vapidKeysFrom(env, file).publicKey;
	} catch {
		return null;
	}
}
