import { describe, expect, it } from 'vitest';
import { clickTarget } from './notification-click';
import { readPayload } from './push';

describe('the service worker', () => {
	it('shows the title and body the server wrote, in its language', () => {
		const shown = readPayload(
			JSON.stringify({
				id: 7,
				title: 'Một giờ nữa bắt đầu: Thanh toán VietQR',
				body: 'Bắt đầu lúc 09:00 01/12/2026.',
				url: '/lessons/12',
				tag: 'n7',
				lang: 'vi'
			})
		);
		expect(shown).toEqual({
			title: 'Một giờ nữa bắt đầu: Thanh toán VietQR',
			body: 'Bắt đầu lúc 09:00 01/12/2026.',
			url: '/lessons/12',
			tag: 'n7',
			lang: 'vi'
		});
	});

	it('still shows something for a payload it cannot read', () => {
		for (const text of [null, '', 'not json', '{"body":"no title"}']) {
			expect(readPayload(text).title).toBe('Bình dân học vụ số');
		}
	});

	it('opens only paths of its own site', () => {
		const origin = 'https://hoc.example.vn';
		expect(clickTarget({ url: '/lessons/12' }, origin)).toBe('https://hoc.example.vn/lessons/12');
		for (const url of ['https://evil.example/x', '//evil.example/x', '/\\evil.example', 42, null]) {
			expect(clickTarget({ url }, origin)).toBe('https://hoc.example.vn/notifications');
		}
		expect(clickTarget(undefined, origin)).toBe('https://hoc.example.vn/notifications');
	});
});
