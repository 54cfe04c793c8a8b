// Message encryption for Web Push (RFC 8291) in the aes128gcm content coding (RFC 8188), one
// record. A fresh ephemeral ECDH key for every message, as RFC 8291 §3.1 requires. Written on
// node:crypto directly instead of web-push's encrypt(): that one re-validates both keys, creates a
// new ECDH object (the P-256 group) per message and derives keys with eight HMAC objects; this was
// a fifth of the sender's CPU per message.
import { createCipheriv, createECDH, createHmac, randomBytes } from 'node:crypto';

/** Record size in the header: one record of up to 4096 bytes (the sender keeps payloads within). */
const RECORD_SIZE = 4096;
const KEY_INFO = Buffer.from('WebPush: info\0', 'latin1');
const CEK_INFO = Buffer.from('Content-Encoding: aes128gcm\0\x01', 'latin1');
const NONCE_INFO = Buffer.from('Content-Encoding: nonce\0\x01', 'latin1');
const ONE = Buffer.from([1]);
/** The padding delimiter of the last (only) record, RFC 8188 §2. */
const LAST_RECORD = Buffer.from([2]);

// One ECDH object, given a new key pair per message. Safe to share: encrypt() is synchronous, so
// no other message can run between generating the key and using it.
const ephemeral = createECDH('prime256v1');

function hmac(key: Buffer, ...parts: Buffer[]): Buffer {
	const h = createHmac('sha256', key);
	for (const part of parts) h.update(part);
	return h.digest();
}

/**
 * Encrypts `plaintext` for a subscription's keys (`p256dh`: the browser's uncompressed P-256
 * public key; `auth`: its 16-byte secret). Returns the request body: header (salt, record size,
 * the ephemeral public key) then the one encrypted record.
 */
export function encryptAes128gcm(p256dh: Buffer, auth: Buffer, plaintext: Buffer): Buffer {
	ephemeral.generateKeys();
	const asPublic = ephemeral.getPublicKey();
	const shared = ephemeral.computeSecret(p256dh);
	// RFC 8291 §3.3-3.4: IKM = HKDF(auth, ecdh_secret, "WebPush: info" || 0 || ua_public || as_public, 32)
	const prkKey = hmac(auth, shared);
	const ikm = hmac(prkKey, KEY_INFO, p256dh, asPublic, ONE);
	// RFC 8188 §2.2-2.3: CEK and nonce from the salt.
	const salt = randomBytes(16);
	const prk = hmac(salt, ikm);
	const cek = hmac(prk, CEK_INFO).subarray(0, 16);
	const nonce = hmac(prk, NONCE_INFO).subarray(0, 12);
	const cipher = createCipheriv('aes-128-gcm', cek, nonce);
	const header = Buffer.alloc(21 + asPublic.length);
	salt.copy(header, 0);
	header.writeUInt32BE(RECORD_SIZE, 16);
	header.writeUInt8(asPublic.length, 20);
	asPublic.copy(header, 21);
	return Buffer.concat([
		header,
		cipher.update(plaintext),
		cipher.update(LAST_RECORD),
		cipher.final(),
		cipher.getAuthTag()
	]);
}
