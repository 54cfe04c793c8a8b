// The thread of EncryptPool (encrypt-pool.ts): encrypts each message of a packed batch with
// encryptAes128gcm (a fresh ephemeral ECDH key per message) and answers with one packed buffer.
import { parentPort } from 'node:worker_threads';
import { encryptAes128gcm } from './ece';

parentPort?.on(
	'message',
	({ batch, buffer, count }: { batch: number; buffer: ArrayBuffer; count: number }) => {
		const input = Buffer.from(buffer);
		const parts: Buffer[] = [];
		const lengths: number[] = [];
		let at = 0;
		for (let i = 0; i < count; i++) {
			const p256dh = input.subarray(at, at + 65);
			const auth = input.subarray(at + 65, at + 81);
			const length = input.readUInt16BE(at + 81);
			const plaintext = input.subarray(at + 83, at + 83 + length);
			at += 83 + length;
			const cipherText = encryptAes128gcm(p256dh, auth, plaintext);
			parts.push(cipherText);
			lengths.push(cipherText.length);
		}
		const out = Buffer.allocUnsafeSlow(lengths.reduce((a, b) => a + b, 0));
		let to = 0;
		for (const part of parts) to += part.copy(out, to);
		const reply = out.buffer as ArrayBuffer;
		parentPort?.postMessage({ batch, out: reply, lengths }, [reply]);
	}
);
