// The local outbox: SMS and e-mails the auth service "sends", for developers (HTML) and tests (JSON).
import { withoutTrailingSlashes } from '../http';
import type { LocalRequest, LocalResponse, ServerContext, Service } from '../types';
import { renderOutboxPage } from './outbox-page';

export interface OutboxMessage {
	id: number;
	channel: 'sms' | 'email';
	to: string;
	subject: string | null;
	body: string;
	code: string | null;
	created_at: string;
}

/** Phones are stored as "+<E.164 digits>", e-mails lower-cased; accept either as typed. */
export function normaliseRecipient(raw: string): string {
	const value = raw.trim();
	if (value.includes('@')) return value.toLowerCase();
	const digits = value.replace(/[\s\-()+]/g, '');
	return /^\d+$/.test(digits) ? `+${digits}` : value;
}

export async function readOutbox(
	ctx: ServerContext,
	to?: string,
	limit = 200
): Promise<OutboxMessage[]> {
	const params: unknown[] = [limit];
	let where = '';
	if (to) {
		params.push(normaliseRecipient(to));
		where = 'where recipient = $2';
	}
	const { rows } = await ctx.db.query<{
		id: string | number;
		channel: 'sms' | 'email';
		recipient: string;
		subject: string | null;
		body: string;
		code: string | null;
		created_at: Date | string;
	}>(
		`select id, channel, recipient, subject, body, code, created_at from _local.outbox ${where}
		order by id desc limit $1`,
		params
	);
	return rows.map((r) => ({
		id: Number(r.id),
		channel: r.channel,
		to: r.recipient,
		subject: r.subject,
		body: r.body,
		code: r.code,
		created_at: new Date(r.created_at).toISOString()
	}));
}

export function createOutboxService(ctx: ServerContext): Service {
	return {
		async handle(req: LocalRequest): Promise<LocalResponse> {
			const path = withoutTrailingSlashes(req.path);
			const cors = { 'Cache-Control': 'no-store' };
			if (req.method === 'GET' && path === '/messages') {
				const limit = Math.min(1000, Math.max(1, Number(req.query.get('limit') ?? 200) || 200));
				return {
					status: 200,
					headers: cors,
					json: await readOutbox(ctx, req.query.get('to') ?? undefined, limit)
				};
			}
			if (req.method === 'DELETE' && path === '/messages') {
				const to = req.query.get('to');
				if (to)
					await ctx.db.query('delete from _local.outbox where recipient = $1', [
						normaliseRecipient(to)
					]);
				else await ctx.db.query('delete from _local.outbox');
				return { status: 204, headers: cors, body: '' };
			}
			if (req.method === 'GET' && path === '/') {
				const messages = await readOutbox(ctx, req.query.get('to') ?? undefined, 100);
				return {
					status: 200,
					headers: { ...cors, 'Content-Type': 'text/html; charset=utf-8' },
					body: renderOutboxPage(messages, req.query.get('to') ?? '')
				};
			}
			return {
				status: 404,
				json: {
					code: 'not_found',
					message: `${req.method} /outbox${req.path} does not exist: use GET /outbox, GET /outbox/messages?to=, DELETE /outbox/messages`
				}
			};
		}
	};
}
