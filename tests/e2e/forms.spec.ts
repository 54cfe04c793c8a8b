// Forms keep what people type: after a save with JavaScript, across a language switch, and when
// they type before the page's JavaScript has arrived (a slow phone).
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEFAULT_KEYS } from '../../supabase/local/config';
import { completeOnboarding, newPhone, readCode, signInWithPhone } from './helpers';

interface SavedProfile {
	display_name: string;
	wants_to_learn: boolean;
	can_teach: boolean;
	ward_id: number;
	languages: string[];
	text_size: string;
	high_contrast: boolean;
}

/** The profile row as the database holds it (service role, like an administrator looking). */
async function savedProfile(request: APIRequestContext, e164: string): Promise<SavedProfile> {
	const columns = 'display_name,wants_to_learn,can_teach,ward_id,languages,text_size,high_contrast';
	const url = `${process.env.E2E_SUPABASE_URL}/rest/v1/profiles?phone=eq.${encodeURIComponent(e164)}&select=${columns}`;
	const key = DEFAULT_KEYS.serviceRoleKey;
	const response = await request.get(url, {
		headers: { apikey: key, authorization: `Bearer ${key}` }
	});
	const rows = (await response.json()) as SavedProfile[];
	expect(rows).toHaveLength(1);
	return rows[0]!;
}

const LANGUAGES = {
	vi: 'Tiếng Việt',
	en: 'Tiếng Anh',
	zh: 'Tiếng Hoa',
	km: 'Tiếng Khmer',
	fr: 'Tiếng Pháp'
} as const;
const SIZES = { normal: 'Vừa', large: 'Lớn', xlarge: 'Rất lớn' } as const;

/** What the profile form shows, in the database's terms. */
async function shownProfile(page: Page): Promise<SavedProfile> {
	const languages: string[] = [];
	for (const [code, label] of Object.entries(LANGUAGES)) {
		if (await page.getByRole('checkbox', { name: label, exact: true }).isChecked()) {
			languages.push(code);
		}
	}
	let textSize = '';
	for (const [size, label] of Object.entries(SIZES)) {
		if (await page.getByRole('radio', { name: label, exact: true }).isChecked()) textSize = size;
	}
	return {
		display_name: await page.getByLabel('Tên gọi').inputValue(),
		wants_to_learn: await page.getByLabel('Tôi muốn học').isChecked(),
		can_teach: await page.getByLabel('Tôi có thể dạy').isChecked(),
		ward_id: Number(await page.getByLabel('Phường, xã nơi bạn ở').inputValue()),
		languages,
		text_size: textSize,
		high_contrast: await page.getByLabel(/tương phản/i).isChecked()
	};
}

/** Hydrated: the ward quick search exists only once the page's JavaScript runs. */
async function hydrated(page: Page) {
	await expect(page.getByRole('searchbox')).toBeVisible();
}

test('saving the profile twice in a row with JavaScript shows what the database holds', async ({
	page,
	request
}) => {
	const phone = newPhone();
	await page.goto('/sign-in');
	await signInWithPhone(page, request, phone.typed, phone.e164);
	await completeOnboarding(page, 'Chú Ba');
	await page.goto('/profile');
	await hydrated(page);

	await page.getByLabel('Tên gọi').fill('Chú Ba Sài Gòn');
	await page.getByLabel('Tôi có thể dạy').check();
	await page.getByRole('checkbox', { name: 'Tiếng Anh', exact: true }).check();
	await page.getByRole('checkbox', { name: 'Tiếng Hoa', exact: true }).check();
	await page.getByRole('radio', { name: 'Lớn', exact: true }).check();
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByText('Đã lưu hồ sơ.')).toBeVisible();
	const first = await savedProfile(request, phone.e164);
	expect(first).toMatchObject({
		display_name: 'Chú Ba Sài Gòn',
		wants_to_learn: true,
		can_teach: true,
		text_size: 'large'
	});
	expect([...first.languages].sort()).toEqual(['en', 'vi', 'zh']);
	expect(sorted(await shownProfile(page))).toEqual(sorted(first));

	// The second save in a row, changing one thing: nothing else may drift.
	await page.getByRole('checkbox', { name: 'Tiếng Hoa', exact: true }).uncheck();
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect.poll(async () => (await savedProfile(request, phone.e164)).languages.length).toBe(2);
	const second = await savedProfile(request, phone.e164);
	expect(sorted(second)).toEqual(sorted({ ...first, languages: ['vi', 'en'] }));
	await expect(page.getByText('Đã lưu hồ sơ.')).toBeVisible();
	expect(sorted(await shownProfile(page))).toEqual(sorted(second));
	// And what a fresh load shows agrees.
	await page.reload();
	expect(sorted(await shownProfile(page))).toEqual(sorted(second));
});

test('switching language in the middle of a form keeps what was typed', async ({
	page,
	request
}) => {
	const phone = newPhone();
	await page.goto('/sign-in');
	await page.getByLabel('Số điện thoại').fill(phone.typed);
	await page.getByRole('button', { name: 'Gửi mã cho tôi' }).click();
	// The code step (a page without JavaScript) survives the switch.
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByText('We sent a code to')).toBeVisible();
	await page.getByRole('button', { name: 'Tiếng Việt' }).click();
	await expect(page.getByText('Chúng tôi đã gửi mã đến số')).toBeVisible();
	await page.getByLabel('Mã gồm 6 chữ số').fill(await readCode(request, phone.e164));
	await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();

	// Onboarding, half filled in, then read in English.
	await expect(page).toHaveURL(/\/onboarding/);
	await hydrated(page);
	await page.getByLabel('Tên gọi').fill('Bà Sáu');
	await page.getByLabel('Tôi có thể dạy').check();
	await page.getByLabel('Phường, xã nơi bạn ở').selectOption({ label: 'Phường Tân Định' });
	await page.getByRole('checkbox', { name: 'Tiếng Khmer', exact: true }).check();
	await page.getByLabel(/điều khoản sử dụng/).check();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Bà Sáu');
	await expect(page.getByLabel('I can teach')).toBeChecked();
	await expect(page.getByLabel('Ward or commune where you live')).not.toHaveValue('0');
	await expect(page.getByRole('checkbox', { name: 'Khmer', exact: true })).toBeChecked();
	await expect(page.getByLabel(/terms of use/)).toBeChecked();
	await page.getByRole('button', { name: 'Tiếng Việt' }).click();
	await expect(page.getByLabel('Tên gọi')).toHaveValue('Bà Sáu');
	await page.getByLabel(/xử lý dữ liệu cá nhân/).check();
	await page.getByRole('button', { name: 'Lưu và bắt đầu' }).click();
	await expect(page.getByText('Xin chào, Bà Sáu!')).toBeVisible();
	const saved = await savedProfile(request, phone.e164);
	expect(saved).toMatchObject({ display_name: 'Bà Sáu', can_teach: true });
	expect(saved.languages).toContain('km');

	// The profile page, edited and switched.
	await page.goto('/profile');
	await hydrated(page);
	await page.getByLabel('Tên gọi').fill('Bà Sáu Tân Định');
	await page.getByRole('checkbox', { name: 'Tiếng Pháp', exact: true }).check();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('textbox', { name: 'Name' })).toHaveValue('Bà Sáu Tân Định');
	await expect(page.getByRole('checkbox', { name: 'French', exact: true })).toBeChecked();
});

test('what is typed before the page finishes loading its JavaScript is kept', async ({
	page,
	request
}) => {
	const phone = newPhone();
	await page.goto('/sign-in');
	await signInWithPhone(page, request, phone.typed, phone.e164);
	await expect(page).toHaveURL(/\/onboarding/);

	// A slow phone: the page's scripts arrive only after the person has filled everything in.
	let release = () => {};
	const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
	const script = (url: URL) => url.pathname.startsWith('/_app/') && url.pathname.endsWith('.js');
	await page.route(script, async (route) => {
		await scriptsHeld;
		await route.continue();
	});
	await page.reload({ waitUntil: 'domcontentloaded' });
	await expect(page.getByRole('searchbox')).toHaveCount(0);
	await page.getByLabel('Tên gọi').fill('Ông Bảy');
	await page.getByLabel('Tôi muốn học').check();
	await page.getByLabel('Phường, xã nơi bạn ở').selectOption({ label: 'Phường Bàn Cờ' });
	await page.getByRole('checkbox', { name: 'Tiếng Anh', exact: true }).check();
	await page.getByLabel(/điều khoản sử dụng/).check();
	await page.getByLabel(/xử lý dữ liệu cá nhân/).check();
	release();
	await hydrated(page);

	await expect(page.getByLabel('Tên gọi')).toHaveValue('Ông Bảy');
	await expect(page.getByLabel('Tôi muốn học')).toBeChecked();
	await expect(page.getByLabel('Phường, xã nơi bạn ở').locator('option:checked')).toHaveText(
		'Phường Bàn Cờ'
	);
	await expect(page.getByRole('checkbox', { name: 'Tiếng Việt', exact: true })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Tiếng Anh', exact: true })).toBeChecked();
	await expect(page.getByLabel(/điều khoản sử dụng/)).toBeChecked();
	await page.getByRole('button', { name: 'Lưu và bắt đầu' }).click();
	await expect(page.getByText('Xin chào, Ông Bảy!')).toBeVisible();
	const saved = await savedProfile(request, phone.e164);
	expect(saved).toMatchObject({ display_name: 'Ông Bảy', wants_to_learn: true });
	expect([...saved.languages].sort()).toEqual(['en', 'vi']);
});

/** Languages in a stable order, so two profiles compare by content. */
function sorted(profile: SavedProfile): SavedProfile {
	return { ...profile, languages: [...profile.languages].sort() };
}

test('at extra-large text on a 360 px phone the header leaves the screen to the page', async ({
	page
}) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto('/settings');
	await page.getByRole('radio', { name: 'Rất lớn', exact: true }).check();
	await page.getByRole('button', { name: 'Lưu', exact: true }).click();
	await expect(page.locator('html')).toHaveClass(/text-xlarge/);
	await page.goto('/sign-in?redirect_to=%2Fprofile');
	const header = await page.locator('header').boundingBox();
	expect(header?.height).toBeLessThan(740 / 3);
	await expect(page.getByLabel('Số điện thoại')).toBeInViewport();

	// Switching between phone and e-mail keeps where the person was heading.
	await page.getByRole('link', { name: 'Dùng e-mail thay cho số điện thoại' }).click();
	await expect(page).toHaveURL(/\/sign-in\?method=email&redirect_to=%2Fprofile$/);
	await page.getByRole('link', { name: 'Dùng số điện thoại' }).click();
	await expect(page).toHaveURL(/\/sign-in\?redirect_to=%2Fprofile$/);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a refused post comes back as a page of its own, keeping what was typed', async ({
		page,
		request
	}) => {
		const phone = newPhone();
		await page.goto('/sign-in');
		await signInWithPhone(page, request, phone.typed, phone.e164);
		await expect(page).toHaveURL(/\/onboarding\?redirect_to=%2F$/);

		// No name: refused, and the answer is a redirect, so a reload does not post again.
		await page.getByLabel('Tôi có thể dạy').check();
		await page.getByLabel('Phường, xã nơi bạn ở').selectOption({ label: 'Phường Tân Định' });
		await page.getByRole('button', { name: 'Lưu và bắt đầu' }).click();
		await expect(page).toHaveURL(/\/onboarding\?redirect_to=%2F$/);
		await expect(page.getByRole('alert')).toContainText('Vui lòng cho biết tên gọi của bạn.');
		await expect(page.getByLabel('Tôi có thể dạy')).toBeChecked();
		await expect(page.getByLabel('Phường, xã nơi bạn ở').locator('option:checked')).toHaveText(
			'Phường Tân Định'
		);
		await page.reload();
		await expect(page.getByLabel('Tôi có thể dạy')).not.toBeChecked();

		// A tampered ward id (beyond any integer) is a field error, not a server error.
		const origin = new URL(page.url()).origin;
		const tampered = await page.request.post('/onboarding?redirect_to=%2F', {
			headers: { origin, accept: 'text/html' },
			form: {
				display_name: 'Cô Tám',
				wants_to_learn: 'on',
				ward_id: '12345678901234567890',
				languages: 'vi',
				text_size: 'normal',
				consent_terms: 'on',
				consent_personal_data: 'on'
			},
			maxRedirects: 0
		});
		expect(tampered.status()).toBe(303);
		expect(tampered.headers().location).toBe('/onboarding?redirect_to=%2F');
		await page.goto('/onboarding?redirect_to=%2F');
		await expect(page.locator('#ward-error')).toHaveText('Vui lòng chọn phường, xã nơi bạn ở.');
		await expect(page.getByLabel('Tên gọi')).toHaveValue('Cô Tám');

		await completeOnboarding(page, 'Cô Tám');
		await page.goto('/profile');
		await page.getByLabel('Tên gọi').fill('Cô Tám Tân Định');
		await page.getByRole('button', { name: 'Lưu', exact: true }).click();
		await expect(page).toHaveURL(/\/profile$/);
		await expect(page.getByText('Đã lưu hồ sơ.')).toBeVisible();
		await expect(page.getByLabel('Tên gọi')).toHaveValue('Cô Tám Tân Định');
	});
});
