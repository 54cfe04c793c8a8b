// The e-mail link target (Supabase's SvelteKit guide): /auth/confirm?token_hash=…&type=…&next=…
import { createClient } from '@supabase/supabase-js';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { DEFAULT_KEYS } from '../../supabase/local/config';

async function magicLinkHash(email: string): Promise<string> {
	const admin = createClient(process.env.E2E_SUPABASE_URL ?? '', DEFAULT_KEYS.serviceRoleKey, {
		auth: { persistSession: false, autoRefreshToken: false },
		realtime: { transport: WebSocket as never }
	});
	// A person who signed up by e-mail and has not finished onboarding yet.
	const created = await admin.auth.admin.createUser({ email, email_confirm: true });
	if (created.error) throw created.error;
	const { data, error } = await admin.auth.admin.generateLink({ type: 'magiclink', email });
	if (error) throw error;
	return data.properties.hashed_token;
}

test('an e-mail link signs a newcomer in and leads to onboarding, once', async ({ page }) => {
	const email = `confirm-${Date.now()}@example.test`;
	const hash = await magicLinkHash(email);
	const link = `/auth/confirm?token_hash=${hash}&type=magiclink&next=%2Fprofile`;

	await page.goto(link);
	await expect(page).toHaveURL(/\/onboarding\?redirect_to=%2Fprofile$/);
	await expect(page.getByRole('heading', { name: 'Chào mừng bạn!' })).toBeVisible();

	// The same link a second time (or a made-up one) explains itself, in the person's language.
	await page.context().clearCookies();
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'Đường dẫn đã hết hạn' })).toBeVisible();
	await page.getByRole('link', { name: 'Đăng nhập lại' }).click();
	await expect(page).toHaveURL(/\/sign-in\?method=email&redirect_to=%2Fprofile$/);
});
