import { expect, test } from '@playwright/test';
import { signInWithPassword } from './helpers';

// A form over the body limit (adapter-node's BODY_SIZE_LIMIT, 512 KB) is answered 413 with the
// app's own page in the person's language, never the generic error or a cut connection; the
// same connection then answers the next request.

test('an oversized form post gets a clean 413 in Vietnamese, and the next request an answer', async ({
	page,
	request
}) => {
	await signInWithPassword(page, 'hocvien.demo@example.com');
	const origin = new URL(page.url()).origin;
	const big = await page.request.post('/profile', {
		headers: { origin, accept: 'text/html', 'accept-language': 'vi' },
		form: { display_name: 'x'.repeat(600_000) },
		maxRedirects: 0
	});
	expect(big.status(), big.headers().location).toBe(413);
	const html = await big.text();
	expect(html).toContain('Nội dung gửi quá lớn');
	expect(html).not.toContain('exceeds limit');
	// A large body the answer never reads (a cross-site refusal), then a small request.
	const refused = await page.request.post('/profile', {
		headers: { origin: 'http://evil.example', accept: 'text/html' },
		form: { display_name: 'y'.repeat(300_000) },
		maxRedirects: 0
	});
	expect(refused.status()).toBe(403);
	const next = await page.request.get('/profile');
	expect(next.status()).toBe(200);
	// A visitor whose browser asks for English reads it in English.
	const english = await request.post('/sign-in?/signInWithPassword', {
		headers: { origin, accept: 'text/html', 'accept-language': 'en' },
		form: { email: 'x'.repeat(600_000) },
		maxRedirects: 0
	});
	expect(english.status()).toBe(413);
	expect(await english.text()).toContain('What you sent is too large');
});
