// A local push service for tests and the bench: HTTP/2 over TLS (HTTP/1.1 too) with a throwaway self-signed certificate (made
// with the openssl CLI), which checks every request as a real one would (VAPID JWT signature,
// audience and expiry; TTL, Urgency and Topic; aes128gcm within 4096 bytes) and DECRYPTS the payload
// with the subscription keys the test generated. Like RFC 8030 §5.4, a message with the Topic of one
// still waiting replaces it, so each device's mailbox holds what the person would see.
import { execFileSync } from 'node:child_process';
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import {
	createSecureServer,
	type Http2ServerRequest,
	type Http2Session,
	type IncomingHttpHeaders,
	type ServerHttp2Stream
} from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

// http_ece ships no types; this is the one call the service makes.
const ece = createRequire(import.meta.url)('http_ece') as {
	decrypt(
		body: Buffer,
		params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string }
	): Buffer;
};

export interface TestDevice {
	id: string;
	endpoint: string;
	p256dh: string;
	auth: string;
	ecdh: ECDH;
	authSecret: Buffer;
}

export interface Received {
	device: string;
	topic: string;
	urgency: string;
	ttl: number;
	payload: string;
}

/** The one call the handler makes on a response, HTTP/2 or HTTP/1.1. */
interface Answerable {
	writeHead(status: number, headers: Record<string, string>): { end(): void };
}

/** What the service answers for a device: 201 by default; tests set 404/410/429/5xx. */
export type Behaviour = { status: number; retryAfter?: string; times?: number };

export interface PushService {
	origin: string;
	/** The service's certificate: give it to the sender as `ca` to trust it. */
	ca: string;
	caFile: string;
	device(): TestDevice;
	behave(deviceId: string, behaviour: Behaviour): void;
	/** Every accepted POST, in order (a re-send shows here twice). */
	received: Received[];
	/** Per device, per topic: what is waiting (a re-send with the same topic replaces, not adds). */
	mailbox: Map<string, Map<string, Received>>;
	rejected: { device: string; reason: string }[];
	/** Answers per status code, including the scripted failures. */
	answered: Map<number, number>;
	/** Requests per HTTP version ('2.0', '1.1'). */
	httpVersions: Map<string, number>;
	/** TLS connections accepted so far. */
	connections(): number;
	close(): Promise<void>;
}

function selfSigned(dir: string): { key: string; cert: string; certFile: string } {
	const keyFile = join(dir, 'key.pem');
	const certFile = join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-keyout',
			keyFile,
			'-out',
			certFile,
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1'
		],
		{ stdio: 'ignore' }
	);
	return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

/**
 * Headers already verified, with their expiry: a sender reuses one JWT for hours (RFC 8292 §2 lets
 * it), and a real push service likewise verifies a token once, not the same signature per message.
 */
const verified = new Map<string, number>();

/** Checks `vapid t=<jwt>, k=<key>` as RFC 8292 says; returns why it is wrong, or null. */
function vapidProblem(header: string | undefined, origin: string): string | null {
	const cacheKey = `${origin} ${header}`;
	const known = verified.get(cacheKey);
	if (known !== undefined && known > Date.now() / 1000) return null;
	const problem = verifyVapid(header, origin);
	if (!problem && header) {
		const payload = header.split('.')[1] ?? '';
		const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number }).exp;
		verified.set(cacheKey, exp);
	}
	return problem;
}

function verifyVapid(header: string | undefined, origin: string): string | null {
	const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
	if (!m) return 'no vapid authorization';
	const [, jwt = '', k = ''] = m;
	const [h = '', p = '', s = ''] = jwt.split('.');
	const raw = Buffer.from(k, 'base64url');
	if (raw.length !== 65) return 'bad k';
	const key = createPublicKey({
		format: 'jwk',
		key: {
			kty: 'EC',
			crv: 'P-256',
			x: raw.subarray(1, 33).toString('base64url'),
			y: raw.subarray(33).toString('base64url')
		}
	});
	const ok = verify(
		'sha256',
		Buffer.from(`${h}.${p}`),
		{ key, dsaEncoding: 'ieee-p1363' },
		Buffer.from(s, 'base64url')
	);
	if (!ok) return 'bad signature';
	const head = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
	const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as {
		aud?: string;
		exp?: number;
		sub?: string;
	};
	const now = Date.now() / 1000;
	if (head.alg !== 'ES256') return 'alg';
	if (claims.aud !== origin) return `aud ${claims.aud}`;
	if (!claims.exp || claims.exp < now || claims.exp > now + 24 * 3600) return 'exp';
	if (!claims.sub || !/^(mailto:|https:)/.test(claims.sub)) return 'sub';
	return null;
}

/**
 * Starts the service on 127.0.0.1. `http1Only`: a push service that does not offer HTTP/2 (ALPN),
 * for the sender's fallback.
 */
export async function startPushService(
	opts: { delayMs?: number; http1Only?: boolean } = {}
): Promise<PushService> {
	const dir = mkdtempSync(join(tmpdir(), 'push-service-'));
	const { key, cert, certFile } = selfSigned(dir);
	const devices = new Map<string, TestDevice>();
	const behaviours = new Map<string, Behaviour>();
	const received: Received[] = [];
	const mailbox = new Map<string, Map<string, Received>>();
	const rejected: { device: string; reason: string }[] = [];
	const answered = new Map<number, number>();
	const httpVersions = new Map<string, number>();
	let connections = 0;
	let origin = '';

	const sessions = new Set<Http2Session>();
	const sockets = new Set<Socket>();
	/** One push message, however it came (HTTP/2 stream or HTTP/1.1 request). */
	const serve = (
		path: string,
		headers: IncomingHttpHeaders,
		body: Buffer,
		reply: (status: number, headers: Record<string, string>) => void
	) => {
		const answer = (status: number, out: Record<string, string> = {}) => {
			answered.set(status, (answered.get(status) ?? 0) + 1);
			// A slow push service, so that a test can kill a worker with messages in flight.
			if (opts.delayMs) setTimeout(() => reply(status, out), opts.delayMs);
			else reply(status, out);
		};
		const id = path.replace(/^\/push\//, '');
		const device = devices.get(id);
		if (!device) return answer(404);
		const behaviour = behaviours.get(id);
		if (behaviour && (behaviour.times ?? Infinity) > 0) {
			if (behaviour.times !== undefined) behaviour.times--;
			return answer(
				behaviour.status,
				behaviour.retryAfter ? { 'Retry-After': behaviour.retryAfter } : {}
			);
		}
		const problem =
			vapidProblem(headers.authorization, origin) ??
			(headers['content-encoding'] !== 'aes128gcm' ? 'encoding' : null) ??
			(!/^\d+$/.test(String(headers.ttl ?? '')) ? 'ttl' : null) ??
			(!/^(very-low|low|normal|high)$/.test(String(headers.urgency ?? '')) ? 'urgency' : null) ??
			(!/^[A-Za-z0-9_-]{1,32}$/.test(String(headers.topic ?? '')) ? 'topic' : null) ??
			(body.length > 4096 ? 'too large' : null);
		if (problem) {
			rejected.push({ device: id, reason: problem });
			return answer(problem === 'too large' ? 413 : 400);
		}
		let payload: string;
		try {
			payload = ece
				.decrypt(body, {
					version: 'aes128gcm',
					privateKey: device.ecdh,
					authSecret: device.authSecret.toString('base64url')
				})
				.toString('utf8');
		} catch (err) {
			rejected.push({ device: id, reason: `decrypt: ${(err as Error).message}` });
			return answer(400);
		}
		const message: Received = {
			device: id,
			topic: String(headers.topic),
			urgency: String(headers.urgency),
			ttl: Number(headers.ttl),
			payload
		};
		received.push(message);
		const box = mailbox.get(id) ?? new Map<string, Received>();
		box.set(message.topic, message);
		mailbox.set(id, box);
		answer(201, { Location: `${origin}/message/${received.length}` });
	};
	const handle = (req: IncomingMessage | Http2ServerRequest, res: Answerable) => {
		httpVersions.set(req.httpVersion, (httpVersions.get(req.httpVersion) ?? 0) + 1);
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () =>
			serve(req.url ?? '', req.headers, Buffer.concat(chunks), (status, headers) =>
				res.writeHead(status, headers).end()
			)
		);
	};
	// HTTP/2 on Node's stream API: the compatibility layer (a request and a response object per
	// stream) was a tenth of the service's CPU per message in the bench.
	const handleStream = (stream: ServerHttp2Stream, headers: IncomingHttpHeaders) => {
		httpVersions.set('2.0', (httpVersions.get('2.0') ?? 0) + 1);
		// A sender that goes away mid-stream (a worker killed by a test) resets its streams; like a
		// real push service, drop them. Unlike the compatibility layer, a bare stream with no 'error'
		// listener would throw that reset in the test process.
		stream.on('error', () => undefined);
		const chunks: Buffer[] = [];
		stream.on('data', (c: Buffer) => chunks.push(c));
		stream.on('end', () =>
			serve(String(headers[':path'] ?? ''), headers, Buffer.concat(chunks), (status, h) => {
				if (!stream.destroyed) stream.respond({ ':status': status, ...h }, { endStream: true });
			})
		);
	};
	const server = opts.http1Only ? createHttpsServer({ key, cert }, handle) : http2Server();
	function http2Server() {
		const h2 = createSecureServer({ key, cert, allowHTTP1: true });
		h2.on('request', handle);
		// A 'request' listener (for HTTP/1.1 clients) makes Node route HTTP/2 streams through the
		// compatibility layer too; those are answered on the stream API instead.
		h2.removeAllListeners('stream');
		h2.on('stream', handleStream);
		return h2;
	}
	server.on('session', (session: Http2Session) => {
		sessions.add(session);
		session.on('error', () => undefined);
		session.on('close', () => sessions.delete(session));
	});
	server.on('secureConnection', (socket: Socket) => {
		connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('no address');
	origin = `https://127.0.0.1:${address.port}`;
	let n = 0;

	return {
		origin,
		ca: cert,
		caFile: certFile,
		received,
		mailbox,
		rejected,
		answered,
		httpVersions,
		connections: () => connections,
		device() {
			const ecdh = createECDH('prime256v1');
			ecdh.generateKeys();
			const authSecret = randomBytes(16);
			const id = `d${++n}-${randomBytes(4).toString('hex')}`;
			const device: TestDevice = {
				id,
				endpoint: `${origin}/push/${id}`,
				p256dh: ecdh.getPublicKey().toString('base64url'),
				auth: authSecret.toString('base64url'),
				ecdh,
				authSecret
			};
			devices.set(id, device);
			return device;
		},
		behave(deviceId, behaviour) {
			behaviours.set(deviceId, behaviour);
		},
		async close() {
			for (const session of sessions) session.destroy();
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
