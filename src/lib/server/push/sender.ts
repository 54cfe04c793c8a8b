// Sends one Web Push message (RFC 8030) encrypted with aes128gcm (RFC 8291) and signed with a cached
// VAPID header (RFC 8292), over HTTP/2 (transport.ts). Plain Node module: the worker, the cron endpoint and the bench import it.
import { encryptAes128gcm } from './ece';
import { PushTransport } from './transport';
import { VapidSigner, type VapidKeys } from './vapid';

/** One aes128gcm record of 4096 bytes minus its header (86), tag (16) and padding delimiter (1). */
export const MAX_PAYLOAD_BYTES = 3993;

export interface Subscription {
	endpoint: string;
	p256dh: string;
	auth: string;
}

export interface SendOptions {
	/** Seconds the push service keeps the message for an offline device. */
	ttl: number;
	urgency: 'very-low' | 'low' | 'normal' | 'high';
	/** Replaces an undelivered message with the same topic (≤ 32 base64url characters). */
	topic: string;
}

export type SendResult =
	| { kind: 'sent'; status: number }
	| { kind: 'gone'; status: number }
	| { kind: 'retry'; status: number; afterSeconds: number }
	| { kind: 'failed'; status: number; reason: string };

export interface SenderOptions {
	/** Extra certificate authority to trust (tests give their push service's). */
	ca?: string | Buffer;
	timeoutMs?: number;
	/**
	 * Encrypts elsewhere (EncryptPool in encrypt-pool.ts: worker threads) instead of on this thread;
	 * the same encryptAes128gcm, with its fresh ephemeral key per message.
	 */
	encrypt?: (p256dh: Buffer, auth: Buffer, plaintext: Buffer) => Promise<Buffer>;
}

const TOPIC = /^[A-Za-z0-9_-]{1,32}$/;

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), if there is one. */
export function retryAfterSeconds(value: string | undefined, nowMs = Date.now()): number | null {
	if (!value) return null;
	if (/^\d+$/.test(value.trim())) return Number(value.trim());
	const at = Date.parse(value);
	return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

export class PushSender {
	readonly vapid: VapidSigner;
	readonly #transport: PushTransport;
	/** A push service that answered 429 is left alone until its Retry-After has passed. */
	readonly #pausedUntil = new Map<string, number>();
	readonly #encrypt: SenderOptions['encrypt'];

	constructor(keys: VapidKeys, options: SenderOptions = {}) {
		this.vapid = new VapidSigner(keys);
		this.#encrypt = options.encrypt;
		this.#transport = new PushTransport({
			ca: options.ca,
			timeoutMs: options.timeoutMs ?? 15_000
		});
	}

	async send(sub: Subscription, payload: string, opts: SendOptions): Promise<SendResult> {
		const body = Buffer.from(payload, 'utf8');
		if (body.length > MAX_PAYLOAD_BYTES) {
			return { kind: 'failed', status: 0, reason: `payload of ${body.length} bytes` };
		}
		if (!TOPIC.test(opts.topic)) throw new Error(`invalid push topic: ${opts.topic}`);
		// Parsed once per message: the pause, the VAPID audience and the request all need it.
		const url = new URL(sub.endpoint);
		const origin = url.origin;
		const paused = this.#pausedUntil.get(origin) ?? 0;
		if (paused > Date.now()) {
			return { kind: 'retry', status: 429, afterSeconds: Math.ceil((paused - Date.now()) / 1000) };
		}
		const p256dh = Buffer.from(sub.p256dh, 'base64url');
		const auth = Buffer.from(sub.auth, 'base64url');
		const cipherText = this.#encrypt
			? await this.#encrypt(p256dh, auth, body)
			: encryptAes128gcm(p256dh, auth, body);
		const res = await this.#transport.post(url, cipherText, {
			Authorization: this.vapid.headerForOrigin(origin),
			TTL: String(opts.ttl),
			Urgency: opts.urgency,
			Topic: opts.topic,
			'Content-Encoding': 'aes128gcm',
			'Content-Type': 'application/octet-stream',
			'Content-Length': String(cipherText.length)
		});
		return this.#classify(origin, res.status, res.retryAfter);
	}

	close(): void {
		this.#transport.close();
	}

	#classify(origin: string, status: number, retryAfter: string | undefined): SendResult {
		if (status >= 200 && status < 300) return { kind: 'sent', status };
		if (status === 404 || status === 410) return { kind: 'gone', status };
		const after = retryAfterSeconds(retryAfter);
		if (status === 429) {
			const seconds = after ?? 60;
			this.#pausedUntil.set(origin, Date.now() + seconds * 1000);
			return { kind: 'retry', status, afterSeconds: seconds };
		}
		if (status >= 500 || status === 0) return { kind: 'retry', status, afterSeconds: after ?? 0 };
		return { kind: 'failed', status, reason: `push service answered ${status}` };
	}
}
