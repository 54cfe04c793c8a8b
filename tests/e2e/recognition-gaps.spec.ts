// Recognition people see, in Vietnamese: the demo volunteer (Khang) finds his badges and the next
// one on his profile; a badge he shows appears on his card on the lesson page of a learner he
// taught (Lan), and is gone once he hides it. And a group that always has a leader: Khang starts a
// group, lets Lan in, cannot leave while he is its only leader, offers her the leadership, she
// accepts, he leaves; she closes the group and may then leave too.
import { expect, test } from '@playwright/test';
import { signInWithPassword } from './helpers';
import { adminClient } from './push-helpers';
import { expectNoAxeViolations } from './axe';

const KHANG = 'tinhnguyen.demo@example.com';
const KHANG_ID = '00000000-0000-4000-8000-000000000002';
const LAN = 'hocvien.demo@example.com';
const LAN_ID = '00000000-0000-4000-8000-000000000001';
const FIRST = 'Buổi dạy đầu tiên';

test('his badges on his profile; a badge he shows is on his card for his learner, until hidden', async ({
	browser
}) => {
	test.setTimeout(150_000);
	const khang = await (await browser.newContext()).newPage();
	await signInWithPassword(khang, KHANG);
	await khang.goto('/profile');
	const mine = khang.getByTestId('profile-badges');
	await expect(mine.getByRole('heading', { name: 'Huy hiệu của tôi', level: 2 })).toBeVisible();
	await expect(mine.getByText(FIRST, { exact: true })).toBeVisible();
	await expect(mine.getByText(/^Đạt ngày \d\d\/\d\d\/\d{4}$/).first()).toBeVisible();
	await expect(mine.getByRole('heading', { name: /^Sắp đạt: / })).toBeVisible();
	await expect(mine.getByText(/^Đã có \d+ trên \d+$/)).toBeVisible();
	await expectNoAxeViolations(khang);

	// A lesson he taught her (the seed's), where she sees his card.
	const admin = adminClient();
	const { data: lessons } = await admin
		.from('session_participants')
		.select('session_id, sessions!inner (teacher_id, status)')
		.eq('profile_id', LAN_ID)
		.eq('sessions.teacher_id', KHANG_ID)
		.eq('sessions.status', 'completed')
		.limit(1);
	const lessonId = (lessons as { session_id: number }[] | null)?.[0]?.session_id;
	expect(lessonId).toBeDefined();

	const lan = await (await browser.newContext()).newPage();
	await signInWithPassword(lan, LAN);
	await lan.goto(`/lessons/${lessonId}`);
	const people = lan.getByRole('region', { name: 'Người tham gia' });
	await expect(people.getByText('Trần Minh Khang')).toBeVisible();
	await expect(people.getByRole('list', { name: 'Huy hiệu người này cho xem' })).toHaveCount(0);

	await khang.goto('/badges');
	await khang.getByRole('button', { name: `Hiện “${FIRST}” trên thẻ của tôi` }).click();
	await expect(khang.getByRole('status')).toHaveText('Huy hiệu đã hiện trên thẻ của bạn.');

	await lan.reload();
	const shown = people.getByRole('list', { name: 'Huy hiệu người này cho xem' });
	await expect(shown.getByText(FIRST)).toBeVisible();
	await expectNoAxeViolations(lan);

	// Hidden again (the seed's state for the next test): gone from his card.
	await khang.getByRole('button', { name: `Ẩn “${FIRST}”` }).click();
	await expect(khang.getByRole('status')).toHaveText('Đã ẩn huy hiệu.');
	await lan.reload();
	await expect(people.getByText('Trần Minh Khang')).toBeVisible();
	await expect(people.getByRole('list', { name: 'Huy hiệu người này cho xem' })).toHaveCount(0);
});

test('a group keeps a leader: the only leader hands over before leaving', async ({ browser }) => {
	test.setTimeout(180_000);
	const name = `Nhóm tự học Khu phố 3 (${Date.now()})`;
	const khang = await (await browser.newContext()).newPage();
	await signInWithPassword(khang, KHANG);
	await khang.goto('/groups');
	await khang.getByLabel('Tên nhóm').fill(name);
	await khang.getByRole('button', { name: 'Lập nhóm' }).click();
	await expect(khang.getByRole('heading', { name, level: 1 })).toBeVisible();
	await expect(khang.getByText('Bạn là trưởng nhóm.')).toBeVisible();
	const groupUrl = khang.url();

	const lan = await (await browser.newContext()).newPage();
	await signInWithPassword(lan, LAN);
	await lan.goto(groupUrl);
	await lan.getByRole('button', { name: 'Xin vào nhóm' }).click();
	await expect(lan.getByRole('status')).toHaveText('Đã gửi yêu cầu vào nhóm.');
	await khang.reload();
	await khang.getByRole('button', { name: 'Đồng ý cho Nguyễn Thị Lan vào nhóm' }).click();
	await expect(khang.getByRole('status')).toHaveText('Đã cho người này vào nhóm.');

	// The only leader cannot leave; the page says what to do instead.
	await khang.getByRole('button', { name: 'Rời nhóm' }).click();
	await expect(khang.getByRole('alert')).toHaveText(
		'Bạn là trưởng nhóm duy nhất nên chưa rời nhóm được. Hãy trao quyền trưởng nhóm cho một thành viên, hoặc đóng nhóm trước.'
	);
	await expect(khang.getByText('Bạn là trưởng nhóm.')).toBeVisible();

	await khang.getByLabel('Trao quyền trưởng nhóm cho').selectOption({ label: 'Nguyễn Thị Lan' });
	await khang.getByRole('button', { name: 'Gửi lời mời làm trưởng nhóm' }).click();
	await expect(khang.getByRole('status').first()).toHaveText('Đã gửi lời mời làm trưởng nhóm.');
	await expect(khang.getByText('Đang chờ Nguyễn Thị Lan đồng ý làm trưởng nhóm.')).toBeVisible();
	await expectNoAxeViolations(khang);

	await lan.reload();
	await expect(lan.getByText('Bạn được mời làm trưởng nhóm.')).toBeVisible();
	await expectNoAxeViolations(lan);
	await lan.getByRole('button', { name: 'Đồng ý làm trưởng nhóm' }).click();
	await expect(lan.getByRole('status').first()).toHaveText('Bạn đã là trưởng nhóm.');
	await expect(lan.getByText('Bạn là trưởng nhóm.')).toBeVisible();

	await khang.reload();
	await expect(khang.getByText('Bạn là thành viên của nhóm.')).toBeVisible();
	await khang.getByRole('button', { name: 'Rời nhóm' }).click();
	await expect(khang.getByRole('status')).toHaveText('Bạn đã rời nhóm.');

	await lan.getByRole('button', { name: 'Đóng nhóm' }).click();
	await expect(lan.getByRole('status').first()).toHaveText('Đã đóng nhóm.');
	await expect(lan.getByTestId('group-closed')).toHaveText('Nhóm này đã đóng.');
	await lan.getByRole('button', { name: 'Rời nhóm' }).click();
	await expect(lan.getByRole('status')).toHaveText('Bạn đã rời nhóm.');
	await expect(lan.getByRole('button', { name: 'Xin vào nhóm' })).toHaveCount(0);
});
