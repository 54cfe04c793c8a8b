// The part of http_ece (no bundled types) the test push service uses.
declare module 'http_ece' {
	import type { ECDH } from 'node:crypto';
	interface Params {
		version: 'aes128gcm' | 'aesgcm' | 'aesgcm128';
		privateKey?: ECDH;
		dh?: string;
		authSecret?: string;
		salt?: string;
		keyid?: string;
	}
	const ece: {
		encrypt(buffer: Buffer, params: Params): Buffer;
		decrypt(buffer: Buffer, params: Params): Buffer;
	};
	export default ece;
}
