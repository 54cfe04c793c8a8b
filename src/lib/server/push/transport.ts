// Posts push messages to push services over HTTP/2: one TLS session per push-service origin with
// many concurrent streams, as the push services of browsers (FCM, Mozilla, Apple) expect. Over
// HTTP/1.1 every message in flight needed its own TLS socket and its own encrypted write; on one
// HTTP/2 session the frames of many messages share writes. An origin that does not offer h2 (ALPN)
// is posted to over HTTPS/1.1 with keep-alive instead.
import { connect, constants, type ClientHttp2Session } from 'node:http2';
import { Agent, request } from 'node:https';

export interface Answer {
	/** The HTTP status; 0 when no answer came (network error, timeout). */
	status: number;
	retryAfter?: string;
}

interface Attempt extends Answer {
	/** Failed before any answer on a session (or socket) opened before this message. */
	stale?: boolean;
	/** The origin refused HTTP/2 during the TLS handshake. */
	noHttp2?: boolean;
}

export interface TransportOptions {
	ca?: string | Buffer;
	timeoutMs: number;
}

/** Sessions left unused this long are closed (the push service would close them anyway). */
const IDLE_MS = 60_000;

export class PushTransport {
	readonly #options: TransportOptions;
	readonly #sessions = new Map<string, ClientHttp2Session>();
	readonly #http1Origins = new Set<string>();
	/** Why a session failed, for the streams that end with it. */
	readonly #errors = new WeakMap<ClientHttp2Session, NodeJS.ErrnoException>();
	/** Streams in flight per session: a session holds the process open only while it has some. */
	readonly #active = new WeakMap<ClientHttp2Session, number>();
	#agent: Agent | undefined;

	constructor(options: TransportOptions) {
		this.#options = options;
	}

	async post(
		endpoint: string | URL,
		body: Buffer,
		headers: Record<string, string>
	): Promise<Answer> {
		const url = typeof endpoint === 'string' ? new URL(endpoint) : endpoint;
		if (this.#http1Origins.has(url.origin)) return this.#http1(url, body, headers, true);
		const first = await this.#http2(url, body, headers);
		if (first.noHttp2) {
			this.#http1Origins.add(url.origin);
			return this.#http1(url, body, headers, true);
		}
		// A session the push service closed while idle (GOAWAY, reset) fails new streams before any
		// answer: send once more on a new session rather than count an idle gap as a failure.
		if (first.status === 0 && first.stale) return this.#http2(url, body, headers);
		return first;
	}

	close(): void {
		for (const session of this.#sessions.values()) session.destroy();
		this.#sessions.clear();
		this.#agent?.destroy();
	}

	#session(origin: string): { session: ClientHttp2Session; reused: boolean } {
		const known = this.#sessions.get(origin);
		if (known && !known.closed && !known.destroyed) return { session: known, reused: true };
		const session = connect(origin, { ca: this.#options.ca });
		const forget = () => {
			if (this.#sessions.get(origin) === session) this.#sessions.delete(origin);
		};
		session.on('error', (err: NodeJS.ErrnoException) => {
			this.#errors.set(session, err);
			forget();
		});
		session.on('goaway', forget);
		session.on('close', forget);
		session.setTimeout(IDLE_MS, () => session.close());
		// An idle session does not keep a worker or a test process alive.
		session.unref();
		this.#sessions.set(origin, session);
		return { session, reused: false };
	}

	#http2(url: URL, body: Buffer, headers: Record<string, string>): Promise<Attempt> {
		const { session, reused } = this.#session(url.origin);
		return new Promise((resolve) => {
			let answered = false;
			const active = this.#active.get(session) ?? 0;
			if (active === 0) session.ref();
			this.#active.set(session, active + 1);
			const lowered: Record<string, string> = {};
			for (const [name, value] of Object.entries(headers)) lowered[name.toLowerCase()] = value;
			const stream = session.request({
				[constants.HTTP2_HEADER_METHOD]: 'POST',
				[constants.HTTP2_HEADER_PATH]: url.pathname + url.search,
				...lowered
			});
			stream.setTimeout(this.#options.timeoutMs, () => stream.close(constants.NGHTTP2_CANCEL));
			let status = 0;
			let retryAfter: string | undefined;
			stream.on('response', (h) => {
				answered = true;
				status = Number(h[constants.HTTP2_HEADER_STATUS] ?? 0);
				const after = h['retry-after'];
				retryAfter = Array.isArray(after) ? after[0] : after;
			});
			stream.resume();
			// 'close' comes last in every case (answer, reset, session gone); errors are read there.
			let failure: (Error & { code?: string; cause?: unknown }) | undefined;
			stream.on('error', (err) => (failure = err));
			stream.on('close', () => {
				const left = (this.#active.get(session) ?? 1) - 1;
				this.#active.set(session, left);
				if (left === 0 && !session.destroyed) session.unref();
				if (answered) return resolve({ status, retryAfter });
				// A refused ALPN ends the pending stream first (the TLS alert is its cause), the session after.
				const cause = failure?.cause as { code?: string } | undefined;
				const code = [failure?.code, cause?.code, this.#errors.get(session)?.code].join(' ');
				const noHttp2 = !reused && /NO_APPLICATION_PROTOCOL|ERR_HTTP2_ERROR/.test(code);
				resolve({ status: 0, stale: reused, noHttp2 });
			});
			stream.end(body);
		});
	}

	async #http1(
		url: URL,
		body: Buffer,
		headers: Record<string, string>,
		mayRetry: boolean
	): Promise<Answer> {
		this.#agent ??= new Agent({ keepAlive: true, maxSockets: 64, ca: this.#options.ca });
		const agent = this.#agent;
		const first = await new Promise<Attempt>((resolve) => {
			let answered = false;
			const req = request(
				url,
				{ method: 'POST', headers, agent, timeout: this.#options.timeoutMs },
				(res) => {
					answered = true;
					res.resume();
					res.on('end', () =>
						resolve({
							status: res.statusCode ?? 0,
							retryAfter: res.headers['retry-after'] as string | undefined
						})
					);
				}
			);
			// A network failure is treated like a 5xx: tried again later, never dropped.
			req.on('timeout', () => req.destroy(new Error('timeout')));
			req.on('error', (err: NodeJS.ErrnoException) =>
				resolve({
					status: 0,
					stale:
						!answered &&
						req.reusedSocket &&
						(err.code === 'ECONNRESET' || err.message === 'socket hang up')
				})
			);
			req.end(body);
		});
		// A kept-alive socket the push service closed while idle fails on reuse before any answer;
		// Node's documented remedy is to send again on a new socket.
		if (first.status === 0 && first.stale && mayRetry)
			return this.#http1(url, body, headers, false);
		return first;
	}
}
