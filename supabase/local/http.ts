// The HTTP front door: what Supabase's API gateway (Kong) does in front of PostgREST and GoTrue.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalRequest, LocalResponse, Service } from './types';

export const BODY_LIMIT = 1024 * 1024;

const ALLOW_HEADERS = [
	'apikey',
	'authorization',
	'x-client-info',
	'content-type',
	'accept',
	'accept-profile',
	'content-profile',
	'prefer',
	'range',
	'x-supabase-api-version'
].join(', ');

const CORS: Record<string, string> = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Methods': 'GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS',
	'Access-Control-Expose-Headers': 'Content-Range, X-Supabase-Api-Version, Content-Profile',
	'Access-Control-Max-Age': '3600'
};

export interface Mounts {
	/** Prefix (e.g. `/rest/v1`) → service; undefined while the server is still booting. */
	services(): Record<string, Service> | undefined;
	log?: (message: string) => void;
	bodyLimit?: number;
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	const declared = Number(req.headers['content-length'] ?? 0);
	if (declared > limit) return Promise.reject(new TooLarge());
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				req.removeAllListeners('data');
				req.resume();
				reject(new TooLarge());
			} else chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * `path` without trailing slashes, `/` when nothing is left. A loop: `/\/+$/` is quadratic on
 * 16 KB of slashes followed by a letter (it retries from every slash).
 */
export function withoutTrailingSlashes(path: string): string {
	let end = path.length;
	while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
	return path.slice(0, end) || '/';
}

function decodePath(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

function headersOf(req: IncomingMessage): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

function send(res: ServerResponse, reply: LocalResponse, extra: Record<string, string> = {}): void {
	const headers: Record<string, string> = { ...CORS, ...extra, ...reply.headers };
	let body: Buffer | string = '';
	const lower = new Set(Object.keys(headers).map((h) => h.toLowerCase()));
	if (reply.body !== undefined) {
		body = reply.body;
	} else if (reply.json !== undefined) {
		body = JSON.stringify(reply.json);
		if (!lower.has('content-type')) headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	const noBody = reply.status === 204 || reply.status === 304;
	if (!noBody) headers['Content-Length'] = String(Buffer.byteLength(body));
	res.writeHead(reply.status, headers);
	res.end(noBody ? undefined : body);
}

function route(services: Record<string, Service>, pathname: string) {
	for (const [prefix, service] of Object.entries(services)) {
		if (pathname === prefix || pathname.startsWith(`${prefix}/`)) {
			return { service, path: pathname.slice(prefix.length) || '/' };
		}
	}
	return undefined;
}

export function createRequestListener(mounts: Mounts) {
	const limit = mounts.bodyLimit ?? BODY_LIMIT;
	const log = mounts.log ?? ((m: string) => console.error(m));
	return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		try {
			const method = (req.method ?? 'GET').toUpperCase();
			if (method === 'OPTIONS') {
				const asked = req.headers['access-control-request-headers'];
				send(
					res,
					{ status: 200, body: '' },
					{ 'Access-Control-Allow-Headers': asked ? String(asked) : ALLOW_HEADERS }
				);
				return;
			}
			const url = new URL(req.url ?? '/', 'http://local');
			const services = mounts.services();
			if (!services) {
				send(res, { status: 503, json: { message: 'the local Supabase server is starting' } });
				return;
			}
			const target = route(services, url.pathname);
			if (!target) {
				req.resume();
				send(res, { status: 404, json: { message: 'no Route matched with those values' } });
				return;
			}
			let body: Buffer;
			try {
				body = await readBody(req, limit);
			} catch (err) {
				if (!(err instanceof TooLarge)) throw err;
				req.resume();
				send(
					res,
					{ status: 413, json: { message: 'Request size limit exceeded' } },
					{ Connection: 'close' }
				);
				return;
			}
			const local: LocalRequest = {
				method,
				path: decodePath(target.path),
				rawPath: target.path,
				query: url.searchParams,
				rawQuery: url.search,
				headers: headersOf(req),
				body,
				ip: req.socket.remoteAddress ?? ''
			};
			send(res, await target.service.handle(local));
		} catch (err) {
			log(`[local-supabase] ${req.method} ${req.url}: ${(err as Error)?.stack ?? String(err)}`);
			if (res.headersSent) {
				res.destroy();
				return;
			}
			send(res, { status: 500, json: { message: 'internal error' } });
		}
	};
}
