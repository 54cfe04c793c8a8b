// The ward's monthly recognition list as CSV, in Vietnamese: the demo coordinator (Thu Hà, Phường
// Bàn Cờ) downloads it from her recognition page; the file is UTF-8 with a byte-order mark (as the
// monthly report's, so Excel keeps the Vietnamese letters), its header and rows equal what the
// database lists for that ward and month, and the download is in the audit log, once, as hers.
import { readFile } from 'node:fs/promises';
import { createClient } from '@supabase/supabase-js';
import { expect, test } from '@playwright/test';
import { DEFAULT_KEYS } from '../../supabase/local/config';
import { signInWithPassword } from './helpers';
import { adminClient, CLIENT_OPTIONS } from './push-helpers';

const COORDINATOR = 'dieuphoi.demo@example.com';
const COORDINATOR_ID = '00000000-0000-4000-8000-000000000003';

function must<T>(res: { data: T; error: { message: string } | null }): NonNullable<T> {
	if (res.error || res.data === null || res.data === undefined) {
		throw new Error(res.error?.message ?? 'no data');
	}
	return res.data as NonNullable<T>;
}

/** RFC 4180 fields: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let field = '';
	let record: string[] = [];
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			record.push(field);
			field = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			record.push(field);
			records.push(record);
			record = [];
			field = '';
			i++;
		} else field += c;
	}
	if (field !== '' || record.length) records.push([...record, field]);
	return records;
}

/** Hours as the list writes them: one decimal at most, a point. */
const hoursOf = (minutes: number) => (Math.round((minutes / 60) * 10) / 10).toString();

test.setTimeout(120_000);

test('a coordinator downloads the monthly recognition list: what the database says, in Vietnamese, audited', async ({
	page
}) => {
	const admin = adminClient();
	const ward = must(await admin.from('areas').select('id').eq('code', 'HCM-BANCO').single());
	// The month of the ward's newest lesson (Vietnam time), so the list is never empty.
	const newest = must(
		await admin
			.from('teaching_chain')
			.select('created_at')
			.eq('ward_id', ward.id)
			.order('created_at', { ascending: false })
			.limit(1)
			.single()
	);
	const month = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Asia/Ho_Chi_Minh',
		year: 'numeric',
		month: '2-digit'
	})
		.format(new Date(newest.created_at))
		.slice(0, 7);

	// What the database lists for her, read the way the page reads it (as her, printed form).
	const coordinator = createClient(
		process.env.E2E_SUPABASE_URL ?? '',
		DEFAULT_KEYS.anonKey,
		CLIENT_OPTIONS
	);
	const signedIn = await coordinator.auth.signInWithPassword({
		email: COORDINATOR,
		password: 'matkhau123'
	});
	if (signedIn.error) throw signedIn.error;
	const expected = must(
		await coordinator.rpc('ward_recognition', {
			p_ward_id: ward.id,
			p_month: month,
			p_format: 'print'
		})
	) as {
		profile_id: string;
		display_name: string | null;
		lessons: number;
		learners: number;
		minutes: number;
		badges_vi: string;
	}[];
	expect(expected.length).toBeGreaterThan(0);
	// Independently of the list: each name is the person's own, as in their profile.
	const names = must(
		await admin
			.from('profiles')
			.select('id, display_name')
			.in(
				'id',
				expected.map((r) => r.profile_id)
			)
	) as { id: string; display_name: string | null }[];
	for (const row of expected) {
		expect(names.find((n) => n.id === row.profile_id)?.display_name).toBe(row.display_name);
	}

	const audited = async () =>
		(
			must(
				await admin
					.from('audit_log')
					.select('actor_id, action, new_data')
					.eq('table_name', 'recognition_list')
					.eq('record_key', `${ward.id}:${month}`)
					.order('id')
			) as { actor_id: string; action: string; new_data: { format: string; rows: number } }[]
		).filter((a) => a.new_data.format === 'csv');
	const before = (await audited()).length;

	await signInWithPassword(page, COORDINATOR);
	await page.goto(`/ward/${ward.id}/recognition?month=${month}`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Danh sách đề nghị khen thưởng' })
	).toBeVisible();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Tải tệp CSV' }).click()
	]);
	expect(download.suggestedFilename()).toBe(`khen-thuong-${ward.id}-${month}.csv`);
	const bytes = await readFile(await download.path());
	// UTF-8 with a byte-order mark, and Vietnamese letters as UTF-8 (not Latin-1 or escapes).
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = bytes.toString('utf8');
	expect(Buffer.from(text, 'utf8').equals(bytes)).toBe(true);

	const [header, ...records] = parseCsv(text.slice(1));
	expect(header).toEqual([
		'Họ tên',
		'Số buổi dạy',
		'Số người học',
		'Số giờ',
		'Huy hiệu trong tháng'
	]);
	expect(records).toEqual(
		expected.map((r) => [
			r.display_name ?? '(chưa có tên)',
			String(r.lessons),
			String(r.learners),
			hoursOf(r.minutes),
			r.badges_vi
		])
	);
	expect(
		records.some((r) => /[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôốồộổỗơớờợởỡưứừựửữ]/i.test(r[0] ?? ''))
	).toBe(true);

	// The download is in the audit log once more than before: hers, an export, with its row count.
	const after = await audited();
	expect(after.length).toBe(before + 1);
	expect(after.at(-1)).toMatchObject({
		actor_id: COORDINATOR_ID,
		action: 'export',
		new_data: { format: 'csv', rows: expected.length }
	});
});
