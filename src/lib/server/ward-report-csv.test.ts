import { describe, expect, it } from 'vitest';
import { vietnamLocalToIso } from '$lib/validation/ward-board';
import { monthlyCsv } from './ward-report-csv';

const report = {
	month: '2026-11',
	lessons: 4,
	people: 7,
	hours: 4,
	requests: 14,
	matched_48h: 9,
	by_skill: [
		{
			skill_id: 5,
			title_vi: 'Thanh toán, "VietQR"',
			title_en: 'Pay, "VietQR"',
			lessons: 3,
			people: 3,
			hours: 2.5
		}
	],
	by_group: [{ group: 'elderly', people: 5, attendances: 6 }]
};

describe('monthlyCsv', () => {
	it('writes one row per figure, labels in the reader’s language, quoted where needed', () => {
		const csv = monthlyCsv(report, 'Phường Bàn Cờ', 'vi');
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.slice(1).split('\n')).toEqual([
			'Mục,Nội dung,Buổi học,Số người,Số giờ',
			'Phường,Phường Bàn Cờ,,,',
			'Tháng,2026-11,,,',
			'Tổng cộng,,4,7,4',
			'Yêu cầu được nhận trong 48 giờ,9/14,,,',
			'Kỹ năng,"Thanh toán, ""VietQR""",3,3,2.5',
			'Nhóm ưu tiên,Người cao tuổi,6,5,',
			''
		]);
	});

	it('speaks English for an English reader', () => {
		const lines = monthlyCsv(report, 'Ban Co Ward', 'en').slice(1).split('\n');
		expect(lines[0]).toBe('Section,Item,Lessons,People,Hours');
		expect(lines[6]).toBe('Priority group,Elderly people,6,5,');
	});
});

describe('vietnamLocalToIso', () => {
	it('reads a datetime-local value as Ho Chi Minh City time (UTC+7)', () => {
		expect(vietnamLocalToIso('2026-12-01T09:00')).toBe('2026-12-01T02:00:00.000Z');
	});
});
