// Message encryption (ece.ts) in worker threads, for a sender that has more messages than one
// core can encrypt: the ECDH of each message (a fresh ephemeral key per message, RFC 8291) is about
// half of the sender's CPU, and on the main thread it competes with HTTP/2 and the outbox. Messages
// are handed over in batches, one packed buffer each way (transferred, not copied), so the cost
// per message on the main thread is a few copies of a few hundred bytes.
// Used by the worker process and the bench (plain Node, run by tsx); the app's cron endpoint keeps
// encrypting in-line (one short batch, no threads to start).
import { Worker } from 'node:worker_threads';

interface Pending {
	p256dh: Buffer;
	auth: Buffer;
	plaintext: Buffer;
	resolve(cipherText: Buffer): void;
	reject(err: Error): void;
}

/** A batch as one buffer: per message [p256dh 65][auth 16][length u16][plaintext]. */
function pack(items: Pending[]): ArrayBuffer {
	let size = 0;
	for (const item of items) size += 65 + 16 + 2 + item.plaintext.length;
	const out = Buffer.allocUnsafeSlow(size);
	let at = 0;
	for (const item of items) {
		at += item.p256dh.copy(out, at);
		at += item.auth.copy(out, at);
		at = out.writeUInt16BE(item.plaintext.length, at);
		at += item.plaintext.copy(out, at);
	}
	return out.buffer as ArrayBuffer;
}

const BATCH = 64;

export class EncryptPool {
	readonly #workers: Worker[];
	readonly #waiting = new Map<number, Pending[]>();
	#queue: Pending[] = [];
	#timer: NodeJS.Timeout | null = null;
	#nextBatch = 0;
	#nextWorker = 0;
	/** Set when a thread failed: every message from then on is refused, none is left waiting. */
	#broken: Error | null = null;

	constructor(threads = 1) {
		this.#workers = Array.from({ length: Math.max(1, threads) }, () => {
			// The thread is TypeScript like this file, and Node 20 threads do not take the tsx loader
			// the worker process and the bench run under: the thread registers it, then loads.
			const thread = new URL('./encrypt-thread.ts', import.meta.url).href;
			const worker = new Worker(
				`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(thread)}); });`,
				{ eval: true }
			);
			worker.on('message', (reply: { batch: number; out: ArrayBuffer; lengths: number[] }) =>
				this.#settle(reply)
			);
			worker.on('error', (err) => this.#fail(err));
			worker.on('exit', () => this.#fail(new Error('encryption thread stopped')));
			worker.unref();
			return worker;
		});
	}

	/** Resolves with the request body encryptAes128gcm would return for these keys and plaintext. */
	encrypt(p256dh: Buffer, auth: Buffer, plaintext: Buffer): Promise<Buffer> {
		if (this.#broken) return Promise.reject(this.#broken);
		if (p256dh.length !== 65 || auth.length !== 16) {
			return Promise.reject(new Error('bad subscription keys'));
		}
		return new Promise((resolve, reject) => {
			this.#queue.push({ p256dh, auth, plaintext, resolve, reject });
			// A hand-over costs about as much as encrypting one message, so messages travel in
			// batches: as soon as BATCH wait, else what came within a millisecond (the sender asks
			// for them one by one, as answers free its streams).
			if (this.#queue.length >= BATCH) this.#flush();
			else this.#timer ??= setTimeout(() => this.#flush(), 1);
		});
	}

	async close(): Promise<void> {
		this.#broken ??= new Error('encryption pool closed');
		await Promise.all(this.#workers.map((w) => w.terminate()));
	}

	#flush(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		const items = this.#queue;
		this.#queue = [];
		if (items.length === 0) return;
		if (this.#broken) {
			for (const item of items) item.reject(this.#broken);
			return;
		}
		// Split across the threads, in order.
		const share = Math.ceil(items.length / this.#workers.length);
		for (let i = 0; i < items.length; i += share) {
			const part = items.slice(i, i + share);
			const batch = this.#nextBatch++;
			this.#waiting.set(batch, part);
			const buffer = pack(part);
			const worker = this.#workers[this.#nextWorker++ % this.#workers.length] as Worker;
			worker.ref();
			worker.postMessage({ batch, buffer, count: part.length }, [buffer]);
		}
	}

	#settle(reply: { batch: number; out: ArrayBuffer; lengths: number[] }): void {
		const items = this.#waiting.get(reply.batch) ?? [];
		this.#waiting.delete(reply.batch);
		// A worker with nothing in flight does not keep the process alive.
		if (this.#waiting.size === 0) for (const w of this.#workers) w.unref();
		let at = 0;
		items.forEach((item, i) => {
			const length = reply.lengths[i] ?? 0;
			item.resolve(Buffer.from(reply.out, at, length));
			at += length;
		});
	}

	#fail(err: Error): void {
		this.#broken ??= err;
		for (const items of this.#waiting.values()) for (const item of items) item.reject(err);
		this.#waiting.clear();
	}
}
