// What every auth handler gets: the server context, the in-memory limiters, the request.
import type { LocalRequest, ServerContext } from '../types';
import type { Limiters } from './ratelimit';
import { clientAddress } from './request';

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

/** The client address per-address limits and sessions record (rate-limit header aware). */
export function addr(deps: Deps, req: LocalRequest): string {
	return clientAddress(deps.ctx, req);
}

export function meta(deps: Deps, req: LocalRequest) {
	return { userAgent: req.headers['user-agent'], ip: addr(deps, req) };
}
