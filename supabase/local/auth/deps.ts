// What every auth handler gets: the server context, the in-memory limiters, the request.
import type { LocalRequest, ServerContext } from '../types';
import type { Limiters } from './ratelimit';

export interface Deps {
	ctx: ServerContext;
	limits: Limiters;
}

export interface HandlerResult {
	status?: number;
	json?: unknown;
	headers?: Record<string, string>;
	body?: string;
}

export type Handler = (deps: Deps, req: LocalRequest) => Promise<HandlerResult>;

export function meta(req: LocalRequest) {
	return { userAgent: req.headers['user-agent'], ip: req.ip };
}
