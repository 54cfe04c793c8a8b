import { describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { bodySizeLimit, declaredTooLarge, drainBody } from './drain-body';

function post(body: string) {
	return new Request('http://app.test/requests/1', { method: 'POST', body });
}

describe('drainBody', () => {
	it('reads a body the answer did not read, also when a hook throws (a redirect)', async () => {
		const request = post('x'.repeat(200_000));
		const event = { request } as RequestEvent;
		await drainBody({ event, resolve: async () => new Response('ok') });
		expect(request.bodyUsed).toBe(true);

		const thrown = post('y'.repeat(1000));
		await expect(
			drainBody({
				event: { request: thrown } as RequestEvent,
				resolve: async () => {
					throw new Error('redirect');
				}
			})
		).rejects.toThrow('redirect');
		expect(thrown.bodyUsed).toBe(true);
	});

	it('leaves a body the action read alone, and a GET', async () => {
		const request = post('a=1');
		const answer = await drainBody({
			event: { request } as RequestEvent,
			resolve: async () => new Response(await request.text())
		});
		expect(await answer.text()).toBe('a=1');
		const get = new Request('http://app.test/');
		await drainBody({
			event: { request: get } as RequestEvent,
			resolve: async () => new Response()
		});
		expect(get.bodyUsed).toBe(false);
	});
});

describe('the body limit', () => {
	it('reads adapter-node settings', () => {
		expect(bodySizeLimit(undefined)).toBe(512 * 1024);
		expect(bodySizeLimit('1M')).toBe(1024 ** 2);
		expect(bodySizeLimit('2048')).toBe(2048);
		expect(bodySizeLimit('Infinity')).toBe(Infinity);
		expect(bodySizeLimit('lots')).toBe(512 * 1024);
	});

	it('finds a declared body over it', () => {
		const sized = (n: string) =>
			new Request('http://app.test/', { method: 'POST', headers: { 'content-length': n } });
		expect(declaredTooLarge(sized('600000'), 512 * 1024)).toBe(true);
		expect(declaredTooLarge(sized('1000'), 512 * 1024)).toBe(false);
		expect(declaredTooLarge(new Request('http://app.test/'), 512 * 1024)).toBe(false);
	});
});
