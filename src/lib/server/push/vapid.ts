// VAPID (RFC 8292): the application server's keys and the signed JWT each push carries. The JWT is
// signed once per push-service origin and reused until shortly before it expires: signing (ECDSA
// P-256) is about half of the sender's CPU per message when done for every message, as web-push does.
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface VapidKeys {
	/** Uncompressed P-256 public key, base64url (what the browser's `applicationServerKey` takes). */
	publicKey: string;
	/** The 32-byte private scalar, base64url. */
	privateKey: string;
	/** `mailto:` or `https:` contact the push service may use (RFC 8292 §2.1). */
	subject: string;
}

const JWT_LIFETIME_S = 12 * 3600;
/** Re-sign this long before expiry, so a header never arrives expired at the push service. */
const REFRESH_MARGIN_S = 10 * 60;

/** A fresh key pair, as `web-push generate-vapid-keys` would make. */
export function generateVapidKeys(subject: string): VapidKeys {
	const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const pub = publicKey.export({ format: 'jwk' });
	const priv = privateKey.export({ format: 'jwk' });
	const raw = Buffer.concat([
		Buffer.from([4]),
		Buffer.from(String(pub.x), 'base64url'),
		Buffer.from(String(pub.y), 'base64url')
	]);
	return { publicKey: raw.toString('base64url'), privateKey: String(priv.d), subject };
}

function privateKeyObject(keys: VapidKeys): KeyObject {
	const raw = Buffer.from(keys.publicKey, 'base64url');
	return createPrivateKey({
		format: 'jwk',
		key: {
			kty: 'EC',
			crv: 'P-256',
			d: keys.privateKey,
			x: raw.subarray(1, 33).toString('base64url'),
			y: raw.subarray(33, 65).toString('base64url')
		}
	});
}

/** Signs and caches one `Authorization: vapid t=…, k=…` header per push-service origin. */
export class VapidSigner {
	readonly #keys: VapidKeys;
	readonly #key: KeyObject;
	readonly #cache = new Map<string, { header: string; refreshAt: number }>();
	/** How many JWTs were signed (tests and the bench check it stays one per origin). */
	signatures = 0;

	constructor(keys: VapidKeys) {
		this.#keys = keys;
		this.#key = privateKeyObject(keys);
	}

	header(endpoint: string, nowMs = Date.now()): string {
		return this.headerForOrigin(new URL(endpoint).origin, nowMs);
	}

	/** `header` for a push-service origin already parsed (`https://host[:port]`). */
	headerForOrigin(origin: string, nowMs = Date.now()): string {
		const cached = this.#cache.get(origin);
		if (cached && nowMs < cached.refreshAt) return cached.header;
		const exp = Math.floor(nowMs / 1000) + JWT_LIFETIME_S;
		const jwt = this.#sign({ aud: origin, exp, sub: this.#keys.subject });
		const header = `vapid t=${jwt}, k=${this.#keys.publicKey}`;
		this.#cache.set(origin, { header, refreshAt: (exp - REFRESH_MARGIN_S) * 1000 });
		return header;
	}

	#sign(claims: Record<string, unknown>): string {
		const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
		const input = `${encode({ typ: 'JWT', alg: 'ES256' })}.${encode(claims)}`;
		// JOSE wants the raw r||s signature, not DER (RFC 7518 §3.4).
		const signature = sign('sha256', Buffer.from(input), {
			key: this.#key,
			dsaEncoding: 'ieee-p1363'
		});
		this.signatures++;
		return `${input}.${signature.toString('base64url')}`;
	}
}
