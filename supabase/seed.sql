-- =============================================================================
-- Demo data for "Bình dân học vụ số" in Ho Chi Minh City
--
-- Loaded after the migrations into a fresh database (`supabase db reset`, the local server with
-- `--reset`, or `psql -v ON_ERROR_STOP=1 -f supabase/seed.sql`). Everything here is fictional
-- except the public places: wards carry their names since 1 July 2025 (two tiers: city ->
-- phường / xã / đặc khu), and a few venues are well-known public buildings.
--
-- DEMO ACCOUNTS (every seeded person uses the password `matkhau123`)
--   role         name              phone (sign-in)    e-mail                       ward
--   learner      Nguyễn Thị Lan     +84 90 000 0001   hocvien.demo@example.com      Phường Bàn Cờ
--   volunteer    Trần Minh Khang    +84 90 000 0002   tinhnguyen.demo@example.com   Phường Bàn Cờ
--   coordinator  Lê Thị Thu Hà      +84 90 000 0003   dieuphoi.demo@example.com     Phường Bàn Cờ
--   coordinator  Phạm Quốc Bảo      +84 90 000 0004   (phone only)                  Phường Thủ Đức
-- Sign in with phone + password, or ask for an SMS code and read it in the local outbox
-- (http://127.0.0.1:54321/outbox). Profile ids are fixed for tests:
--   learner      00000000-0000-4000-8000-000000000001
--   volunteer    00000000-0000-4000-8000-000000000002
--   coordinator  00000000-0000-4000-8000-000000000003 (Bàn Cờ), ...-000000000004 (Thủ Đức)
-- Generated people: learners  +84 90 000 1001 … 1064, ids 00000000-0000-4000-8000-000000001001 … 1064
--                   volunteers +84 90 000 2001 … 2047, ids 00000000-0000-4000-8000-000000002001 … 2047
--                   (2045–2047: three neighbours of Bàn Cờ who teach online medical booking)
-- Phone numbers are in an unused-looking demo range (84 90 000 xxxx); do not text them.
--
-- What the demo accounts find:
--   learner      one finished Zalo lesson (with feedback and a badge), a VNeID lesson at home with
--                the demo volunteer next Tuesday 19:00, an open request for online medical booking
--   volunteer    5 finished lessons (badges: first lesson, 5 lessons, 3 people; "3 months running"
--                too when the seed runs after the 20th, as the streak counts from this month),
--                a ripple 3 deep (he taught Tâm, who taught Oanh, who taught Vy), 3 upcoming lessons
--                including a class at the Bàn Cờ culture house, open requests from his ward
--   coordinator  Bàn Cờ: its people, requests waiting up to 25 days, verified volunteers, groups,
--                an open report
-- Session codes (the code the learner's phone shows) are the last six digits of the learner's
-- phone, e.g. 000001 for the demo learner; a lesson can be confirmed from 30 minutes before it.
--
-- The file stages its content in temporary tables (seed_*) first and then loads the real tables,
-- so the content reads as lists and the mapping to the schema sits in one place at the end.
-- Times are relative to now(): scheduled sessions are always in the future whenever you seed.
-- =============================================================================

set client_min_messages = warning;

-- ---------------------------------------------------------------------------
-- Staging: wards and venues (names since 1 July 2025, two tiers, no districts)
-- ---------------------------------------------------------------------------
-- Centres are approximate (within a kilometre or two). `formerly` names the pre-2025 units merged
-- into the ward, so people who still say "Quận 3" recognise where they are.
create temp table seed_ward (
	code text primary key,
	kind text not null, -- ward | commune | special_zone
	name_vi text not null,
	name_en text not null,
	lat double precision not null,
	lng double precision not null,
	formerly text not null -- not loaded (areas has no such column); for readers checking the names
);

insert into seed_ward values
	('HCM-SAIGON', 'ward', 'Phường Sài Gòn', 'Sai Gon Ward', 10.7776, 106.7025, 'Bến Nghé, một phần Đa Kao và Nguyễn Thái Bình (Quận 1 cũ)'),
	('HCM-BENTHANH', 'ward', 'Phường Bến Thành', 'Ben Thanh Ward', 10.7705, 106.6960, 'Bến Thành, Phạm Ngũ Lão, một phần Cầu Ông Lãnh và Nguyễn Thái Bình (Quận 1 cũ)'),
	('HCM-TANDINH', 'ward', 'Phường Tân Định', 'Tan Dinh Ward', 10.7905, 106.6905, 'Tân Định, một phần Đa Kao (Quận 1 cũ)'),
	('HCM-CAUONGLANH', 'ward', 'Phường Cầu Ông Lãnh', 'Cau Ong Lanh Ward', 10.7630, 106.6930, 'Nguyễn Cư Trinh, Cầu Kho, Cô Giang, một phần Cầu Ông Lãnh (Quận 1 cũ)'),
	('HCM-BANCO', 'ward', 'Phường Bàn Cờ', 'Ban Co Ward', 10.7725, 106.6810, 'Phường 1, 2, 3, 5 (Quận 3 cũ)'),
	('HCM-XUANHOA', 'ward', 'Phường Xuân Hòa', 'Xuan Hoa Ward', 10.7810, 106.6900, 'Võ Thị Sáu, một phần Phường 4 (Quận 3 cũ)'),
	('HCM-NHIEULOC', 'ward', 'Phường Nhiêu Lộc', 'Nhieu Loc Ward', 10.7880, 106.6790, 'Phường 9, 11, 12, 14 (Quận 3 cũ)'),
	('HCM-CHOQUAN', 'ward', 'Phường Chợ Quán', 'Cho Quan Ward', 10.7600, 106.6830, 'Phường 1, 2, 4 (Quận 5 cũ)'),
	('HCM-CHOLON', 'ward', 'Phường Chợ Lớn', 'Cho Lon Ward', 10.7545, 106.6585, 'Phường 11, 12, 13, 14 (Quận 5 cũ)'),
	('HCM-PHUNHUAN', 'ward', 'Phường Phú Nhuận', 'Phu Nhuan Ward', 10.7995, 106.6785, 'Các phường 9, 10, 11, 13, 15, 17 (Quận Phú Nhuận cũ)'),
	('HCM-GOVAP', 'ward', 'Phường Gò Vấp', 'Go Vap Ward', 10.8375, 106.6705, 'Phường 10, 17 (Quận Gò Vấp cũ)'),
	('HCM-HANHTHONG', 'ward', 'Phường Hạnh Thông', 'Hanh Thong Ward', 10.8215, 106.6840, 'Phường 1, 3 (Quận Gò Vấp cũ)'),
	('HCM-TANSONNHAT', 'ward', 'Phường Tân Sơn Nhất', 'Tan Son Nhat Ward', 10.7990, 106.6610, 'Phường 4, 5, 7 (Quận Tân Bình cũ)'),
	('HCM-TANBINH', 'ward', 'Phường Tân Bình', 'Tan Binh Ward', 10.8040, 106.6430, 'Phường 13, 14 và một phần Phường 15 (Quận Tân Bình cũ)'),
	('HCM-BINHTHANH', 'ward', 'Phường Bình Thạnh', 'Binh Thanh Ward', 10.8100, 106.7010, 'Phường 12, 14, 26 (Quận Bình Thạnh cũ)'),
	('HCM-GIADINH', 'ward', 'Phường Gia Định', 'Gia Dinh Ward', 10.8010, 106.6960, 'Phường 1, 2, 7, 17 (Quận Bình Thạnh cũ)'),
	('HCM-THANHMYTAY', 'ward', 'Phường Thạnh Mỹ Tây', 'Thanh My Tay Ward', 10.7975, 106.7165, 'Phường 19, 22, 25 (Quận Bình Thạnh cũ)'),
	('HCM-THUDUC', 'ward', 'Phường Thủ Đức', 'Thu Duc Ward', 10.8505, 106.7600, 'Linh Chiểu, Bình Thọ, một phần Trường Thọ, Linh Tây (TP Thủ Đức cũ)'),
	('HCM-LINHXUAN', 'ward', 'Phường Linh Xuân', 'Linh Xuan Ward', 10.8790, 106.7735, 'Linh Xuân, một phần Linh Trung, Linh Tây (TP Thủ Đức cũ)'),
	('HCM-HOCMON', 'commune', 'Xã Hóc Môn', 'Hoc Mon Commune', 10.8875, 106.5935, 'Thị trấn Hóc Môn, Tân Hiệp, Tân Xuân (huyện Hóc Môn cũ)'),
	('HCM-CUCHI', 'commune', 'Xã Củ Chi', 'Cu Chi Commune', 10.9735, 106.4935, 'Thị trấn Củ Chi, Phước Vĩnh An, Tân Thông Hội (huyện Củ Chi cũ)'),
	('HCM-CANGIO', 'commune', 'Xã Cần Giờ', 'Can Gio Commune', 10.4140, 106.9550, 'Thị trấn Cần Thạnh, Long Hòa (huyện Cần Giờ cũ)'),
	('HCM-CONDAO', 'special_zone', 'Đặc khu Côn Đảo', 'Con Dao Special Zone', 8.6820, 106.6060, 'Huyện Côn Đảo (tỉnh Bà Rịa – Vũng Tàu cũ)');

-- Venues: exact coordinates. Well-known public buildings carry their real names and addresses;
-- neighbourhood culture houses are named the way wards name them (Nhà văn hóa Khu phố N) and are
-- placed inside their ward, but the numbering is illustrative.
create temp table seed_venue (
	n int primary key,
	ward text not null references seed_ward (code),
	kind text not null, -- culture_house | library | school | ward_office
	name_vi text not null,
	name_en text not null,
	address text not null,
	lat double precision not null,
	lng double precision not null,
	capacity int not null,
	tablets int not null, -- shared tablets lent to learners during a class
	wifi boolean not null,
	hours_vi text not null, -- the same hours as words, for readers; not loaded
	hours_en text not null,
	hours jsonb not null, -- {"mon": [["08:00", "17:00"], …], …} as public.venues.opening_hours
	wheelchair boolean not null default false
);

insert into seed_venue values
	(1, 'HCM-SAIGON', 'culture_house', 'Nhà Văn hóa Thanh niên TP.HCM', 'Ho Chi Minh City Youth Cultural House', '4 Phạm Ngọc Thạch, Phường Sài Gòn', 10.78222, 106.69915, 60, 20, true,
		'Thứ Hai – Chủ nhật 7:30–21:00', 'Mon–Sun 7:30–21:00',
		'{"mon":[["07:30","21:00"]],"tue":[["07:30","21:00"]],"wed":[["07:30","21:00"]],"thu":[["07:30","21:00"]],"fri":[["07:30","21:00"]],"sat":[["07:30","21:00"]],"sun":[["07:30","21:00"]]}'),
	(2, 'HCM-BENTHANH', 'library', 'Thư viện Khoa học Tổng hợp TP.HCM', 'General Sciences Library of Ho Chi Minh City', '69 Lý Tự Trọng, Phường Bến Thành', 10.77435, 106.69640, 40, 10, true,
		'Thứ Hai – Thứ Bảy 7:30–19:00', 'Mon–Sat 7:30–19:00',
		'{"mon":[["07:30","19:00"]],"tue":[["07:30","19:00"]],"wed":[["07:30","19:00"]],"thu":[["07:30","19:00"]],"fri":[["07:30","19:00"]],"sat":[["07:30","19:00"]]}'),
	(3, 'HCM-BENTHANH', 'culture_house', 'Nhà Văn hóa Lao động TP.HCM', 'Ho Chi Minh City Workers'' Cultural House', '55B Nguyễn Thị Minh Khai, Phường Bến Thành', 10.77630, 106.69330, 50, 12, true,
		'Thứ Hai – Chủ nhật 7:00–21:00', 'Mon–Sun 7:00–21:00',
		'{"mon":[["07:00","21:00"]],"tue":[["07:00","21:00"]],"wed":[["07:00","21:00"]],"thu":[["07:00","21:00"]],"fri":[["07:00","21:00"]],"sat":[["07:00","21:00"]],"sun":[["07:00","21:00"]]}'),
	(4, 'HCM-TANDINH', 'culture_house', 'Nhà văn hóa Khu phố 5 Tân Định', 'Tan Dinh Quarter 5 Culture House', 'Hẻm Trần Quang Khải, Phường Tân Định', 10.79180, 106.68980, 30, 6, true,
		'Thứ Hai – Thứ Sáu 17:00–21:00; Thứ Bảy, Chủ nhật 7:30–11:30', 'Mon–Fri 17:00–21:00; Sat, Sun 7:30–11:30',
		'{"mon":[["17:00","21:00"]],"tue":[["17:00","21:00"]],"wed":[["17:00","21:00"]],"thu":[["17:00","21:00"]],"fri":[["17:00","21:00"]],"sat":[["07:30","11:30"]],"sun":[["07:30","11:30"]]}'),
	(5, 'HCM-BANCO', 'culture_house', 'Nhà văn hóa Khu phố 3 Bàn Cờ', 'Ban Co Quarter 3 Culture House', 'Hẻm Nguyễn Thiện Thuật, Phường Bàn Cờ', 10.77110, 106.68120, 25, 5, true,
		'Thứ Ba – Chủ nhật 8:00–11:00 và 18:00–21:00', 'Tue–Sun 8:00–11:00 and 18:00–21:00',
		'{"tue":[["08:00","11:00"],["18:00","21:00"]],"wed":[["08:00","11:00"],["18:00","21:00"]],"thu":[["08:00","11:00"],["18:00","21:00"]],"fri":[["08:00","11:00"],["18:00","21:00"]],"sat":[["08:00","11:00"],["18:00","21:00"]],"sun":[["08:00","11:00"],["18:00","21:00"]]}'),
	(6, 'HCM-XUANHOA', 'library', 'Thư viện phường Xuân Hòa', 'Xuan Hoa Ward Library', 'Đường Trần Quốc Thảo, Phường Xuân Hòa', 10.78240, 106.68770, 20, 4, true,
		'Thứ Hai – Thứ Bảy 8:00–17:00', 'Mon–Sat 8:00–17:00',
		'{"mon":[["08:00","17:00"]],"tue":[["08:00","17:00"]],"wed":[["08:00","17:00"]],"thu":[["08:00","17:00"]],"fri":[["08:00","17:00"]],"sat":[["08:00","17:00"]]}'),
	(7, 'HCM-NHIEULOC', 'culture_house', 'Nhà văn hóa Khu phố 2 Nhiêu Lộc', 'Nhieu Loc Quarter 2 Culture House', 'Đường Trần Văn Đang, Phường Nhiêu Lộc', 10.78670, 106.67790, 30, 6, true,
		'Thứ Hai – Chủ nhật 17:30–21:00', 'Mon–Sun 17:30–21:00',
		'{"mon":[["17:30","21:00"]],"tue":[["17:30","21:00"]],"wed":[["17:30","21:00"]],"thu":[["17:30","21:00"]],"fri":[["17:30","21:00"]],"sat":[["17:30","21:00"]],"sun":[["17:30","21:00"]]}'),
	(8, 'HCM-CHOQUAN', 'school', 'Trường Đại học Khoa học Tự nhiên (cơ sở Nguyễn Văn Cừ)', 'University of Science (Nguyen Van Cu campus)', '227 Nguyễn Văn Cừ, Phường Chợ Quán', 10.76260, 106.68220, 80, 30, true,
		'Thứ Bảy, Chủ nhật 8:00–17:00 (lớp cộng đồng)', 'Sat, Sun 8:00–17:00 (community classes)',
		'{"sat":[["08:00","17:00"]],"sun":[["08:00","17:00"]]}'),
	(9, 'HCM-CHOLON', 'culture_house', 'Nhà văn hóa Khu phố 7 Chợ Lớn', 'Cho Lon Quarter 7 Culture House', 'Đường Châu Văn Liêm, Phường Chợ Lớn', 10.75330, 106.65820, 35, 8, true,
		'Thứ Hai – Chủ nhật 7:30–11:00 và 17:00–20:30', 'Mon–Sun 7:30–11:00 and 17:00–20:30',
		'{"mon":[["07:30","11:00"],["17:00","20:30"]],"tue":[["07:30","11:00"],["17:00","20:30"]],"wed":[["07:30","11:00"],["17:00","20:30"]],"thu":[["07:30","11:00"],["17:00","20:30"]],"fri":[["07:30","11:00"],["17:00","20:30"]],"sat":[["07:30","11:00"],["17:00","20:30"]],"sun":[["07:30","11:00"],["17:00","20:30"]]}'),
	(10, 'HCM-PHUNHUAN', 'culture_house', 'Nhà văn hóa Khu phố 4 Phú Nhuận', 'Phu Nhuan Quarter 4 Culture House', 'Đường Phan Đăng Lưu, Phường Phú Nhuận', 10.80080, 106.68040, 30, 6, true,
		'Thứ Hai – Thứ Bảy 17:00–21:00', 'Mon–Sat 17:00–21:00',
		'{"mon":[["17:00","21:00"]],"tue":[["17:00","21:00"]],"wed":[["17:00","21:00"]],"thu":[["17:00","21:00"]],"fri":[["17:00","21:00"]],"sat":[["17:00","21:00"]]}'),
	(11, 'HCM-GOVAP', 'culture_house', 'Nhà văn hóa Khu phố 12 Gò Vấp', 'Go Vap Quarter 12 Culture House', 'Đường Quang Trung, Phường Gò Vấp', 10.83690, 106.66860, 40, 8, true,
		'Thứ Hai – Chủ nhật 7:00–11:00 và 17:00–21:00', 'Mon–Sun 7:00–11:00 and 17:00–21:00',
		'{"mon":[["07:00","11:00"],["17:00","21:00"]],"tue":[["07:00","11:00"],["17:00","21:00"]],"wed":[["07:00","11:00"],["17:00","21:00"]],"thu":[["07:00","11:00"],["17:00","21:00"]],"fri":[["07:00","11:00"],["17:00","21:00"]],"sat":[["07:00","11:00"],["17:00","21:00"]],"sun":[["07:00","11:00"],["17:00","21:00"]]}'),
	(12, 'HCM-GOVAP', 'school', 'Phòng máy tính Trường THCS Khu phố 10', 'Quarter 10 Lower Secondary School computer room', 'Đường Quang Trung, Phường Gò Vấp', 10.83560, 106.66520, 35, 35, true,
		'Thứ Bảy 14:00–17:00; Chủ nhật 8:00–11:00', 'Sat 14:00–17:00; Sun 8:00–11:00',
		'{"sat":[["14:00","17:00"]],"sun":[["08:00","11:00"]]}'),
	(13, 'HCM-HANHTHONG', 'library', 'Tủ sách – điểm truy cập Internet phường Hạnh Thông', 'Hanh Thong Ward Reading Room and Internet Point', 'Đường Nguyễn Kiệm, Phường Hạnh Thông', 10.82050, 106.68120, 20, 4, true,
		'Thứ Hai – Thứ Sáu 8:00–17:00', 'Mon–Fri 8:00–17:00',
		'{"mon":[["08:00","17:00"]],"tue":[["08:00","17:00"]],"wed":[["08:00","17:00"]],"thu":[["08:00","17:00"]],"fri":[["08:00","17:00"]]}'),
	(14, 'HCM-TANSONNHAT', 'culture_house', 'Nhà văn hóa Khu phố 3 Tân Sơn Nhất', 'Tan Son Nhat Quarter 3 Culture House', 'Đường Cộng Hòa, Phường Tân Sơn Nhất', 10.79870, 106.65850, 30, 6, true,
		'Thứ Hai – Chủ nhật 17:00–21:00', 'Mon–Sun 17:00–21:00',
		'{"mon":[["17:00","21:00"]],"tue":[["17:00","21:00"]],"wed":[["17:00","21:00"]],"thu":[["17:00","21:00"]],"fri":[["17:00","21:00"]],"sat":[["17:00","21:00"]],"sun":[["17:00","21:00"]]}'),
	(15, 'HCM-TANBINH', 'ward_office', 'Trung tâm Phục vụ hành chính công phường Tân Bình', 'Tan Binh Ward Public Administration Service Centre', 'Đường Cộng Hòa, Phường Tân Bình', 10.80330, 106.64450, 20, 4, true,
		'Thứ Hai – Thứ Sáu 7:30–17:00; Thứ Bảy 7:30–11:30', 'Mon–Fri 7:30–17:00; Sat 7:30–11:30',
		'{"mon":[["07:30","11:30"],["13:00","17:00"]],"tue":[["07:30","11:30"],["13:00","17:00"]],"wed":[["07:30","11:30"],["13:00","17:00"]],"thu":[["07:30","11:30"],["13:00","17:00"]],"fri":[["07:30","11:30"],["13:00","17:00"]],"sat":[["07:30","11:30"]]}'),
	(16, 'HCM-BINHTHANH', 'culture_house', 'Nhà văn hóa Khu phố 6 Bình Thạnh', 'Binh Thanh Quarter 6 Culture House', 'Đường Nơ Trang Long, Phường Bình Thạnh', 10.81230, 106.70090, 35, 8, true,
		'Thứ Hai – Chủ nhật 17:00–21:00; Chủ nhật thêm 8:00–11:00', 'Mon–Sun 17:00–21:00; also Sun 8:00–11:00',
		'{"mon":[["17:00","21:00"]],"tue":[["17:00","21:00"]],"wed":[["17:00","21:00"]],"thu":[["17:00","21:00"]],"fri":[["17:00","21:00"]],"sat":[["17:00","21:00"]],"sun":[["08:00","11:00"],["17:00","21:00"]]}'),
	(17, 'HCM-GIADINH', 'library', 'Thư viện phường Gia Định', 'Gia Dinh Ward Library', 'Đường Phan Đăng Lưu, Phường Gia Định', 10.80190, 106.69720, 25, 5, true,
		'Thứ Hai – Thứ Bảy 8:00–17:00', 'Mon–Sat 8:00–17:00',
		'{"mon":[["08:00","17:00"]],"tue":[["08:00","17:00"]],"wed":[["08:00","17:00"]],"thu":[["08:00","17:00"]],"fri":[["08:00","17:00"]],"sat":[["08:00","17:00"]]}'),
	(18, 'HCM-THANHMYTAY', 'culture_house', 'Nhà văn hóa Khu phố 1 Thạnh Mỹ Tây', 'Thanh My Tay Quarter 1 Culture House', 'Đường Nguyễn Hữu Cảnh, Phường Thạnh Mỹ Tây', 10.79530, 106.71590, 30, 6, true,
		'Thứ Hai – Chủ nhật 17:30–21:00', 'Mon–Sun 17:30–21:00',
		'{"mon":[["17:30","21:00"]],"tue":[["17:30","21:00"]],"wed":[["17:30","21:00"]],"thu":[["17:30","21:00"]],"fri":[["17:30","21:00"]],"sat":[["17:30","21:00"]],"sun":[["17:30","21:00"]]}'),
	(19, 'HCM-THUDUC', 'school', 'Trường Đại học Sư phạm Kỹ thuật TP.HCM', 'HCMC University of Technology and Education', '1 Võ Văn Ngân, Phường Thủ Đức', 10.85070, 106.77190, 80, 30, true,
		'Thứ Bảy, Chủ nhật 8:00–17:00 (lớp cộng đồng)', 'Sat, Sun 8:00–17:00 (community classes)',
		'{"sat":[["08:00","17:00"]],"sun":[["08:00","17:00"]]}'),
	(20, 'HCM-THUDUC', 'culture_house', 'Nhà văn hóa Khu phố 4 Thủ Đức', 'Thu Duc Quarter 4 Culture House', 'Đường Kha Vạn Cân, Phường Thủ Đức', 10.85120, 106.75510, 30, 6, true,
		'Thứ Hai – Chủ nhật 17:00–21:00', 'Mon–Sun 17:00–21:00',
		'{"mon":[["17:00","21:00"]],"tue":[["17:00","21:00"]],"wed":[["17:00","21:00"]],"thu":[["17:00","21:00"]],"fri":[["17:00","21:00"]],"sat":[["17:00","21:00"]],"sun":[["17:00","21:00"]]}'),
	(21, 'HCM-LINHXUAN', 'culture_house', 'Nhà văn hóa Khu phố 3 Linh Xuân', 'Linh Xuan Quarter 3 Culture House', 'Đường Linh Xuân, Phường Linh Xuân', 10.88120, 106.77410, 35, 8, true,
		'Thứ Hai – Chủ nhật 17:00–21:00', 'Mon–Sun 17:00–21:00',
		'{"mon":[["17:00","21:00"]],"tue":[["17:00","21:00"]],"wed":[["17:00","21:00"]],"thu":[["17:00","21:00"]],"fri":[["17:00","21:00"]],"sat":[["17:00","21:00"]],"sun":[["17:00","21:00"]]}'),
	(22, 'HCM-HOCMON', 'culture_house', 'Nhà văn hóa ấp Tân Hiệp', 'Tan Hiep Hamlet Culture House', 'Đường Lê Thị Hà, Xã Hóc Môn', 10.88910, 106.59030, 40, 6, true,
		'Thứ Hai – Chủ nhật 7:00–11:00 và 18:00–21:00', 'Mon–Sun 7:00–11:00 and 18:00–21:00',
		'{"mon":[["07:00","11:00"],["18:00","21:00"]],"tue":[["07:00","11:00"],["18:00","21:00"]],"wed":[["07:00","11:00"],["18:00","21:00"]],"thu":[["07:00","11:00"],["18:00","21:00"]],"fri":[["07:00","11:00"],["18:00","21:00"]],"sat":[["07:00","11:00"],["18:00","21:00"]],"sun":[["07:00","11:00"],["18:00","21:00"]]}'),
	(23, 'HCM-CUCHI', 'culture_house', 'Nhà văn hóa ấp Phước Hòa', 'Phuoc Hoa Hamlet Culture House', 'Tỉnh lộ 8, Xã Củ Chi', 10.97010, 106.49760, 40, 6, true,
		'Thứ Hai – Chủ nhật 7:00–11:00 và 18:00–21:00', 'Mon–Sun 7:00–11:00 and 18:00–21:00',
		'{"mon":[["07:00","11:00"],["18:00","21:00"]],"tue":[["07:00","11:00"],["18:00","21:00"]],"wed":[["07:00","11:00"],["18:00","21:00"]],"thu":[["07:00","11:00"],["18:00","21:00"]],"fri":[["07:00","11:00"],["18:00","21:00"]],"sat":[["07:00","11:00"],["18:00","21:00"]],"sun":[["07:00","11:00"],["18:00","21:00"]]}'),
	(24, 'HCM-CUCHI', 'library', 'Thư viện xã Củ Chi', 'Cu Chi Commune Library', 'Quốc lộ 22, Xã Củ Chi', 10.97510, 106.49180, 25, 5, true,
		'Thứ Hai – Thứ Bảy 7:30–17:00', 'Mon–Sat 7:30–17:00',
		'{"mon":[["07:30","17:00"]],"tue":[["07:30","17:00"]],"wed":[["07:30","17:00"]],"thu":[["07:30","17:00"]],"fri":[["07:30","17:00"]],"sat":[["07:30","17:00"]]}'),
	(25, 'HCM-CANGIO', 'culture_house', 'Nhà văn hóa ấp Miễu Ba', 'Mieu Ba Hamlet Culture House', 'Đường Duyên Hải, Xã Cần Giờ', 10.41380, 106.95310, 30, 5, true,
		'Thứ Hai – Chủ nhật 7:00–10:30 và 18:00–20:30', 'Mon–Sun 7:00–10:30 and 18:00–20:30',
		'{"mon":[["07:00","10:30"],["18:00","20:30"]],"tue":[["07:00","10:30"],["18:00","20:30"]],"wed":[["07:00","10:30"],["18:00","20:30"]],"thu":[["07:00","10:30"],["18:00","20:30"]],"fri":[["07:00","10:30"],["18:00","20:30"]],"sat":[["07:00","10:30"],["18:00","20:30"]],"sun":[["07:00","10:30"],["18:00","20:30"]]}'),
	(26, 'HCM-CONDAO', 'library', 'Thư viện đặc khu Côn Đảo', 'Con Dao Special Zone Library', 'Đường Nguyễn Huệ, Đặc khu Côn Đảo', 8.68290, 106.60900, 25, 5, true,
		'Thứ Hai – Thứ Sáu 7:30–17:00', 'Mon–Fri 7:30–17:00',
		'{"mon":[["07:30","17:00"]],"tue":[["07:30","17:00"]],"wed":[["07:30","17:00"]],"thu":[["07:30","17:00"]],"fri":[["07:30","17:00"]]}'),
	(27, 'HCM-CAUONGLANH', 'culture_house', 'Nhà văn hóa Khu phố 2 Cầu Ông Lãnh', 'Cau Ong Lanh Quarter 2 Culture House', 'Đường Trần Hưng Đạo, Phường Cầu Ông Lãnh', 10.76270, 106.69200, 25, 5, true,
		'Thứ Hai – Chủ nhật 17:00–21:00', 'Mon–Sun 17:00–21:00',
		'{"mon":[["17:00","21:00"]],"tue":[["17:00","21:00"]],"wed":[["17:00","21:00"]],"thu":[["17:00","21:00"]],"fri":[["17:00","21:00"]],"sat":[["17:00","21:00"]],"sun":[["17:00","21:00"]]}');

-- Big public buildings have ramps and lifts; of the culture houses only the ground-floor ones do.
update seed_venue set wheelchair = true where kind <> 'culture_house' or n in (1, 3, 9, 11, 16, 22, 23);

-- ---------------------------------------------------------------------------
-- Staging: the curriculum ("căn bản – thiết thực – dễ tiếp cận")
-- ---------------------------------------------------------------------------
create temp table seed_skill (
	n int primary key,
	code text not null unique,
	category text not null,
	level text not null, -- basic | intermediate
	minutes int not null,
	title_vi text not null,
	title_en text not null,
	description_vi text not null,
	description_en text not null
);

insert into seed_skill values
	(1, 'smartphone-basics', 'devices', 'basic', 60,
		'Làm quen với điện thoại thông minh', 'Smartphone basics',
		'Bật tắt máy, mở khóa, chạm – vuốt – giữ, tăng cỡ chữ và âm lượng, gọi điện, lưu danh bạ, chụp ảnh và sạc pin an toàn.',
		'Switching on and off, unlocking, tap – swipe – hold, bigger text and louder sound, calling, saving contacts, taking photos and charging safely.'),
	(2, 'getting-online', 'connectivity', 'basic', 45,
		'Kết nối Internet: Wi-Fi và 4G', 'Getting online: Wi-Fi and 4G',
		'Kết nối Wi-Fi ở nhà và ở nhà văn hóa, bật dữ liệu di động 4G, kiểm tra gói cước và dung lượng còn lại, tiết kiệm dữ liệu.',
		'Joining Wi-Fi at home and at the culture house, turning on 4G mobile data, checking your plan and remaining data, saving data.'),
	(3, 'zalo-messaging', 'communication', 'basic', 45,
		'Nhắn tin và gọi video bằng Zalo', 'Messaging and video calls with Zalo',
		'Cài Zalo, kết bạn bằng số điện thoại, nhắn tin, gửi ảnh và tin nhắn thoại, gọi video cho con cháu, tham gia nhóm khu phố.',
		'Installing Zalo, adding friends by phone number, sending messages, photos and voice notes, video-calling family, joining the neighbourhood group.'),
	(4, 'admin-lookup', 'public-services', 'basic', 45,
		'Tra cứu thông tin hành chính', 'Looking up administrative information',
		'Tìm thủ tục, giấy tờ cần chuẩn bị, lệ phí và nơi nộp; tra cứu tình trạng hồ sơ bằng mã hồ sơ; tìm địa chỉ và giờ làm việc của phường, xã mới.',
		'Finding a procedure, the papers to prepare, fees and where to file; tracking an application by its code; finding the address and hours of the new ward or commune office.'),
	(5, 'epayment-vietqr', 'payments', 'intermediate', 60,
		'Thanh toán điện tử và mã VietQR', 'Electronic payment and VietQR',
		'Quét mã VietQR để chuyển khoản, kiểm tra tên người nhận trước khi xác nhận, dùng ví điện tử, thanh toán tiền điện nước và giữ biên lai.',
		'Scanning a VietQR code to transfer money, checking the payee name before confirming, using an e-wallet, paying electricity and water bills and keeping receipts.'),
	(6, 'vneid', 'public-services', 'intermediate', 60,
		'Định danh điện tử VNeID', 'Electronic identity with VNeID',
		'Cài ứng dụng VNeID chính thức, đăng nhập tài khoản định danh mức 2, xem căn cước điện tử, tích hợp giấy tờ, dùng mã QR và giữ mật khẩu an toàn.',
		'Installing the official VNeID app, signing in to a level-2 identity account, showing the electronic ID card, linking documents, using the QR code and keeping the passcode safe.'),
	(7, 'national-public-service-portal', 'public-services', 'intermediate', 75,
		'Nộp hồ sơ trên Cổng Dịch vụ công quốc gia', 'Filing online on the National Public Service Portal',
		'Đăng nhập Cổng Dịch vụ công quốc gia bằng VNeID, chọn thủ tục, điền tờ khai, đính kèm ảnh giấy tờ, nộp lệ phí trực tuyến và theo dõi kết quả.',
		'Signing in to the National Public Service Portal with VNeID, choosing a procedure, filling in the form, attaching photos of papers, paying the fee online and following the result.'),
	(8, 'cong-dan-so-hcm', 'public-services', 'intermediate', 60,
		'Ứng dụng Công dân số TP.HCM', 'The "Công dân số TP.HCM" city app',
		'Cài ứng dụng Công dân số của Thành phố, đăng nhập, gửi phản ánh kiến nghị kèm ảnh, tra cứu hồ sơ, xem thông báo của phường và các tiện ích y tế, giáo dục.',
		'Installing the city''s Công dân số app, signing in, sending a report or suggestion with a photo, tracking applications, reading ward notices and health and education services.'),
	(9, 'medical-booking', 'health', 'intermediate', 45,
		'Đặt lịch khám bệnh trực tuyến', 'Booking a medical appointment online',
		'Đặt lịch khám qua ứng dụng hoặc trang web của bệnh viện, chọn chuyên khoa và giờ khám, dùng thẻ BHYT trên VNeID, nhận số thứ tự và xem kết quả.',
		'Booking through a hospital''s app or website, choosing the department and time, using the health-insurance card in VNeID, getting a queue number and reading results.'),
	(10, 'ride-hailing', 'transport', 'basic', 45,
		'Gọi xe công nghệ', 'Ride-hailing apps',
		'Đặt xe máy, ô tô bằng ứng dụng, chọn điểm đón và điểm đến, xem giá trước, nhận diện đúng tài xế và biển số, chia sẻ chuyến đi với người thân.',
		'Booking a motorbike or car in an app, setting pick-up and destination, seeing the fare first, checking the driver and number plate, sharing the trip with family.'),
	(11, 'banking-app', 'payments', 'intermediate', 60,
		'Sử dụng ứng dụng ngân hàng', 'Using a banking app',
		'Cài đúng ứng dụng ngân hàng, đăng nhập và xác thực sinh trắc học, xem số dư, chuyển khoản trong hạn mức, nhận biến động số dư và khóa thẻ khi bị mất.',
		'Installing the right banking app, signing in with biometric verification, checking the balance, transferring within limits, getting balance alerts and locking a lost card.'),
	(12, 'scam-awareness', 'safety', 'basic', 60,
		'Nhận diện lừa đảo và an toàn thông tin', 'Scam awareness and information security',
		'Nhận biết cuộc gọi giả danh công an, ngân hàng, nhân viên điện lực; không bấm đường link lạ, không đọc mã OTP; đặt mật khẩu mạnh và biết báo cáo lừa đảo.',
		'Spotting calls pretending to be the police, a bank or the power company; never opening strange links or reading out a one-time code; strong passwords and how to report a scam.'),
	(13, 'responsible-social-media', 'social-media', 'basic', 45,
		'Sử dụng mạng xã hội có trách nhiệm', 'Responsible social media',
		'Cài đặt quyền riêng tư, kiểm chứng tin trước khi chia sẻ, nhận biết tin giả, ứng xử văn minh theo Bộ quy tắc ứng xử trên mạng xã hội, bảo vệ trẻ em.',
		'Privacy settings, checking news before sharing, spotting fake news, behaving well following the national code of conduct for social networks, protecting children.'),
	(14, 'ai-tools', 'ai', 'intermediate', 60,
		'Dùng công cụ trí tuệ nhân tạo (AI)', 'Using AI tools',
		'Hỏi trợ lý AI bằng tiếng Việt, nhờ tóm tắt văn bản, dịch và viết thư; kiểm tra lại câu trả lời; không đưa thông tin cá nhân vào công cụ AI.',
		'Asking an AI assistant in Vietnamese, summarising, translating and drafting letters; double-checking answers; never giving personal data to an AI tool.');

create temp table seed_step (
	skill int not null references seed_skill (n),
	pos int not null,
	vi text not null,
	en text not null,
	primary key (skill, pos)
);

insert into seed_step values
	(1, 1, 'Bật, tắt nguồn và mở khóa màn hình', 'Switch the phone on and off and unlock the screen'),
	(1, 2, 'Chạm, vuốt, giữ và quay lại màn hình chính', 'Tap, swipe, hold and go back to the home screen'),
	(1, 3, 'Tăng cỡ chữ, độ sáng và âm lượng', 'Make text bigger, the screen brighter and the sound louder'),
	(1, 4, 'Gọi điện và nghe máy', 'Make a call and answer one'),
	(1, 5, 'Lưu một số điện thoại vào danh bạ', 'Save a phone number to contacts'),
	(1, 6, 'Chụp ảnh và xem lại ảnh', 'Take a photo and look at it again'),
	(1, 7, 'Sạc pin đúng cách và xem phần trăm pin', 'Charge the battery properly and read the battery level'),

	(2, 1, 'Mở Cài đặt và tìm mục Wi-Fi', 'Open Settings and find Wi-Fi'),
	(2, 2, 'Chọn mạng Wi-Fi và nhập mật khẩu', 'Choose a Wi-Fi network and enter its password'),
	(2, 3, 'Bật và tắt dữ liệu di động 4G', 'Turn 4G mobile data on and off'),
	(2, 4, 'Kiểm tra gói cước và dung lượng còn lại bằng tin nhắn của nhà mạng', 'Check your plan and remaining data with the operator''s text message'),
	(2, 5, 'Mở một trang web và tìm kiếm bằng giọng nói', 'Open a web page and search by voice'),
	(2, 6, 'Tiết kiệm dữ liệu: chỉ cập nhật ứng dụng khi có Wi-Fi', 'Save data: update apps only on Wi-Fi'),

	(3, 1, 'Cài Zalo từ CH Play hoặc App Store', 'Install Zalo from Google Play or the App Store'),
	(3, 2, 'Kết bạn bằng số điện thoại', 'Add a friend by phone number'),
	(3, 3, 'Gửi tin nhắn chữ, ảnh và tin nhắn thoại', 'Send a text, a photo and a voice message'),
	(3, 4, 'Gọi video cho người thân', 'Make a video call to a relative'),
	(3, 5, 'Tham gia nhóm Zalo của tổ dân phố', 'Join the residents'' group on Zalo'),
	(3, 6, 'Chặn và báo cáo tài khoản lạ', 'Block and report an unknown account'),

	(4, 1, 'Tìm thủ tục cần làm trên Cổng Dịch vụ công', 'Find the procedure you need on the public service portal'),
	(4, 2, 'Đọc danh sách giấy tờ, lệ phí và thời hạn giải quyết', 'Read the list of papers, fees and processing time'),
	(4, 3, 'Tra cứu tình trạng hồ sơ bằng mã hồ sơ', 'Track an application with its code'),
	(4, 4, 'Tìm địa chỉ, giờ làm việc của UBND phường, xã mới trên bản đồ', 'Find the new ward or commune office and its hours on a map'),
	(4, 5, 'Lưu số điện thoại đường dây nóng của phường', 'Save the ward hotline number'),

	(5, 1, 'Mở ứng dụng ngân hàng hoặc ví và chọn Quét mã QR', 'Open the banking or wallet app and choose Scan QR'),
	(5, 2, 'Quét mã VietQR của người bán', 'Scan the seller''s VietQR code'),
	(5, 3, 'Kiểm tra tên người nhận và số tiền trước khi xác nhận', 'Check the payee name and amount before confirming'),
	(5, 4, 'Xác nhận bằng mã PIN hoặc vân tay, khuôn mặt', 'Confirm with a PIN, fingerprint or face'),
	(5, 5, 'Xem và lưu biên lai giao dịch', 'View and keep the transaction receipt'),
	(5, 6, 'Thanh toán một hóa đơn điện hoặc nước', 'Pay an electricity or water bill'),
	(5, 7, 'Tạo mã QR của mình để nhận tiền', 'Create your own QR code to receive money'),

	(6, 1, 'Tải đúng ứng dụng VNeID của Bộ Công an', 'Download the genuine VNeID app of the Ministry of Public Security'),
	(6, 2, 'Đăng nhập bằng số định danh cá nhân và mật khẩu', 'Sign in with your personal ID number and password'),
	(6, 3, 'Đặt mã bảo vệ 6 số và bật đăng nhập bằng sinh trắc học', 'Set the 6-digit passcode and turn on biometric sign-in'),
	(6, 4, 'Xem thẻ căn cước điện tử và mã QR', 'Show the electronic ID card and its QR code'),
	(6, 5, 'Tích hợp thẻ BHYT và giấy phép lái xe', 'Link the health-insurance card and driving licence'),
	(6, 6, 'Thông báo lưu trú hoặc gửi một yêu cầu trên VNeID', 'Notify temporary residence or submit a request in VNeID'),
	(6, 7, 'Nhớ: không đưa mật khẩu, mã OTP cho bất kỳ ai', 'Remember: never give your password or one-time code to anyone'),

	(7, 1, 'Mở dichvucong.gov.vn và đăng nhập bằng tài khoản VNeID', 'Open dichvucong.gov.vn and sign in with VNeID'),
	(7, 2, 'Tìm và chọn thủ tục (ví dụ: cấp bản sao trích lục hộ tịch)', 'Find and choose a procedure (e.g. a copy of a civil-status extract)'),
	(7, 3, 'Điền tờ khai trực tuyến', 'Fill in the online form'),
	(7, 4, 'Chụp và đính kèm ảnh giấy tờ rõ nét', 'Take and attach clear photos of the papers'),
	(7, 5, 'Nộp lệ phí trực tuyến', 'Pay the fee online'),
	(7, 6, 'Ghi lại mã hồ sơ và theo dõi trạng thái', 'Write down the application code and follow its status'),
	(7, 7, 'Nhận kết quả điện tử hoặc hẹn lấy tại phường', 'Receive the result online or collect it at the ward'),

	(8, 1, 'Cài ứng dụng Công dân số TP.HCM', 'Install the Công dân số TP.HCM app'),
	(8, 2, 'Đăng nhập và cập nhật phường, xã đang sinh sống', 'Sign in and set the ward or commune you live in'),
	(8, 3, 'Gửi một phản ánh kèm ảnh và vị trí', 'Send a report with a photo and location'),
	(8, 4, 'Theo dõi phản hồi của cơ quan chức năng', 'Follow the authorities'' answer'),
	(8, 5, 'Tra cứu hồ sơ hành chính trong ứng dụng', 'Track an administrative application in the app'),
	(8, 6, 'Xem thông báo và tiện ích y tế, giáo dục của Thành phố', 'Read city notices and health and education services'),

	(9, 1, 'Mở ứng dụng hoặc trang web đặt khám của bệnh viện', 'Open the hospital''s booking app or website'),
	(9, 2, 'Chọn chuyên khoa, ngày và khung giờ khám', 'Choose the department, day and time slot'),
	(9, 3, 'Nhập thông tin bệnh nhân và số thẻ BHYT', 'Enter the patient details and health-insurance number'),
	(9, 4, 'Xác nhận và lưu phiếu hẹn, số thứ tự', 'Confirm and keep the appointment slip and queue number'),
	(9, 5, 'Dùng thẻ BHYT trên VNeID khi đến khám', 'Show the health-insurance card in VNeID at the visit'),
	(9, 6, 'Xem kết quả xét nghiệm hoặc đơn thuốc điện tử', 'Read test results or an electronic prescription'),

	(10, 1, 'Cài ứng dụng gọi xe và đăng ký bằng số điện thoại', 'Install a ride-hailing app and register with your phone number'),
	(10, 2, 'Chọn điểm đón và điểm đến trên bản đồ', 'Set the pick-up point and destination on the map'),
	(10, 3, 'Xem giá cước trước khi đặt', 'See the fare before booking'),
	(10, 4, 'Kiểm tra ảnh tài xế, biển số xe khi xe đến', 'Check the driver''s photo and number plate when the vehicle arrives'),
	(10, 5, 'Chia sẻ hành trình cho người thân', 'Share the trip with a relative'),
	(10, 6, 'Thanh toán và đánh giá chuyến đi', 'Pay and rate the trip'),

	(11, 1, 'Tải ứng dụng ngân hàng từ kho ứng dụng chính thức', 'Download the bank''s app from the official store'),
	(11, 2, 'Đăng nhập và xác thực khuôn mặt với căn cước gắn chip', 'Sign in and verify your face with the chip ID card'),
	(11, 3, 'Xem số dư và lịch sử giao dịch', 'Check the balance and transaction history'),
	(11, 4, 'Chuyển khoản cho người thân đã lưu', 'Transfer money to a saved relative'),
	(11, 5, 'Bật thông báo biến động số dư', 'Turn on balance-change alerts'),
	(11, 6, 'Đặt hạn mức chuyển khoản trong ngày', 'Set a daily transfer limit'),
	(11, 7, 'Khóa thẻ ngay trong ứng dụng khi bị mất', 'Lock the card in the app right away if it is lost'),

	(12, 1, 'Nhận biết cuộc gọi giả danh công an, ngân hàng, điện lực', 'Recognise calls pretending to be police, a bank or the power company'),
	(12, 2, 'Không bấm đường link lạ trong tin nhắn, Zalo, Facebook', 'Never tap a strange link in a text, Zalo or Facebook message'),
	(12, 3, 'Không bao giờ đọc mã OTP cho người khác', 'Never read out a one-time code to anyone'),
	(12, 4, 'Đặt mật khẩu mạnh và khác nhau cho từng tài khoản', 'Use strong, different passwords for each account'),
	(12, 5, 'Kiểm tra một trang web trên tinnhiemmang.vn', 'Check a website on tinnhiemmang.vn'),
	(12, 6, 'Báo cáo lừa đảo tại canhbao.khonggianmang.gov.vn hoặc với công an phường', 'Report a scam at canhbao.khonggianmang.gov.vn or to the ward police'),

	(13, 1, 'Cài đặt quyền riêng tư cho bài đăng và thông tin cá nhân', 'Set privacy for posts and personal information'),
	(13, 2, 'Kiểm tra nguồn tin trước khi chia sẻ', 'Check the source before sharing'),
	(13, 3, 'Nhận biết tin giả, ảnh cắt ghép', 'Spot fake news and edited photos'),
	(13, 4, 'Bình luận lịch sự, tôn trọng người khác', 'Comment politely and respectfully'),
	(13, 5, 'Chặn, báo cáo nội dung xấu độc', 'Block and report harmful content'),
	(13, 6, 'Không đăng ảnh, thông tin của trẻ em khi chưa được đồng ý', 'Do not post children''s photos or details without consent'),

	(14, 1, 'Mở một trợ lý AI và đặt câu hỏi bằng tiếng Việt', 'Open an AI assistant and ask a question in Vietnamese'),
	(14, 2, 'Nhờ AI tóm tắt một bài báo hoặc văn bản', 'Ask the AI to summarise an article or document'),
	(14, 3, 'Nhờ AI soạn một lá thư hoặc lời chúc', 'Ask the AI to draft a letter or a greeting'),
	(14, 4, 'Dịch một đoạn văn sang tiếng Anh', 'Translate a paragraph into English'),
	(14, 5, 'Kiểm tra lại câu trả lời với nguồn chính thống', 'Double-check the answer with an official source'),
	(14, 6, 'Không nhập số căn cước, mật khẩu, thông tin sức khỏe vào AI', 'Never type your ID number, passwords or health details into an AI');

-- Open learning material ("kho học liệu mở"). `example` = true where the link is a portal home page or
-- a likely location rather than a verified deep link.
create temp table seed_material (
	skill int not null references seed_skill (n),
	pos int not null,
	kind text not null, -- video | infographic | lesson | link
	title_vi text not null,
	title_en text not null,
	url text not null,
	example boolean not null,
	primary key (skill, pos)
);

insert into seed_material values
	(1, 1, 'lesson', 'Hướng dẫn sử dụng điện thoại Android (Google)', 'Android phone help (Google)', 'https://support.google.com/android/?hl=vi', false),
	(1, 2, 'lesson', 'Hướng dẫn sử dụng iPhone (Apple)', 'iPhone User Guide (Apple)', 'https://support.apple.com/vi-vn/guide/iphone/welcome/ios', false),
	(1, 3, 'video', 'Video: 10 thao tác cơ bản trên điện thoại', 'Video: 10 basic smartphone gestures', 'https://binhdanhocvuso.gov.vn/', true),
	(2, 1, 'infographic', 'Infographic: kết nối Wi-Fi trong 4 bước', 'Infographic: join Wi-Fi in 4 steps', 'https://binhdanhocvuso.gov.vn/', true),
	(2, 2, 'lesson', 'Kết nối Wi-Fi trên Android', 'Connect to Wi-Fi on Android', 'https://support.google.com/android/answer/9075847?hl=vi', true),
	(3, 1, 'lesson', 'Trung tâm trợ giúp Zalo', 'Zalo help centre', 'https://help.zalo.me/', true),
	(3, 2, 'video', 'Video: gọi video Zalo cho ông bà', 'Video: Zalo video calls for grandparents', 'https://binhdanhocvuso.gov.vn/', true),
	(4, 1, 'link', 'Cổng Dịch vụ công quốc gia', 'National Public Service Portal', 'https://dichvucong.gov.vn/', false),
	(4, 2, 'link', 'Cổng Dịch vụ công TP.HCM', 'Ho Chi Minh City public service portal', 'https://dichvucong.hochiminhcity.gov.vn/', true),
	(5, 1, 'link', 'VietQR – chuẩn mã QR chuyển khoản (NAPAS)', 'VietQR – the transfer QR standard (NAPAS)', 'https://vietqr.net/', true),
	(5, 2, 'infographic', 'Infographic: 3 điều kiểm tra trước khi quét mã', 'Infographic: 3 checks before you scan', 'https://binhdanhocvuso.gov.vn/', true),
	(6, 1, 'link', 'Cổng thông tin VNeID', 'VNeID portal', 'https://vneid.gov.vn/', false),
	(6, 2, 'video', 'Video: kích hoạt tài khoản định danh điện tử mức 2', 'Video: activating a level-2 electronic identity', 'https://vneid.gov.vn/', true),
	(7, 1, 'link', 'Cổng Dịch vụ công quốc gia', 'National Public Service Portal', 'https://dichvucong.gov.vn/', false),
	(7, 2, 'lesson', 'Bài giảng số: nộp hồ sơ trực tuyến toàn trình', 'Digital lesson: filing fully online', 'https://binhdanhocvuso.gov.vn/', true),
	(8, 1, 'link', 'Cổng thông tin điện tử TP.HCM', 'Ho Chi Minh City web portal', 'https://hochiminhcity.gov.vn/', false),
	(8, 2, 'infographic', 'Infographic: gửi phản ánh trên Công dân số', 'Infographic: sending a report in Công dân số', 'https://hochiminhcity.gov.vn/', true),
	(9, 1, 'link', 'Đặt lịch khám trực tuyến – Bệnh viện Chợ Rẫy', 'Online booking – Cho Ray Hospital', 'https://choray.vn/', true),
	(9, 2, 'lesson', 'Bài giảng số: dùng thẻ BHYT trên VNeID', 'Digital lesson: the health-insurance card in VNeID', 'https://vneid.gov.vn/', true),
	(10, 1, 'lesson', 'Trợ giúp Grab Việt Nam', 'Grab Vietnam help', 'https://help.grab.com/passenger/vi-vn/', true),
	(10, 2, 'lesson', 'Hướng dẫn đặt xe Xanh SM', 'Booking a Xanh SM ride', 'https://www.xanhsm.com/', true),
	(11, 1, 'infographic', 'Ngân hàng Nhà nước: khuyến cáo giao dịch an toàn', 'State Bank of Vietnam: safe-banking advice', 'https://www.sbv.gov.vn/', true),
	(11, 2, 'video', 'Video: xác thực sinh trắc học trên ứng dụng ngân hàng', 'Video: biometric verification in a banking app', 'https://binhdanhocvuso.gov.vn/', true),
	(12, 1, 'link', 'Cảnh báo lừa đảo – Cục An toàn thông tin', 'Scam warnings – Authority of Information Security', 'https://canhbao.khonggianmang.gov.vn/', false),
	(12, 2, 'link', 'Tín nhiệm mạng: kiểm tra trang web', 'Tín nhiệm mạng: check a website', 'https://tinnhiemmang.vn/', false),
	(12, 3, 'infographic', 'Infographic: 24 hình thức lừa đảo trực tuyến phổ biến', 'Infographic: 24 common online scams', 'https://khonggianmang.vn/', true),
	(13, 1, 'lesson', 'Bộ quy tắc ứng xử trên mạng xã hội (Quyết định 874/QĐ-BTTTT)', 'Code of conduct for social networks (Decision 874/QD-BTTTT)', 'https://mst.gov.vn/', true),
	(13, 2, 'video', 'Video: kiểm chứng tin trước khi chia sẻ', 'Video: check before you share', 'https://binhdanhocvuso.gov.vn/', true),
	(14, 1, 'lesson', 'Bài giảng số: trí tuệ nhân tạo cho mọi người', 'Digital lesson: AI for everyone', 'https://binhdanhocvuso.gov.vn/', true),
	(14, 2, 'infographic', 'Infographic: 5 nguyên tắc dùng AI an toàn', 'Infographic: 5 rules for using AI safely', 'https://binhdanhocvuso.gov.vn/', true);

-- ---------------------------------------------------------------------------
-- Staging: people. Named demo accounts first, then generated volunteers and learners.
-- ---------------------------------------------------------------------------
create temp table seed_person (
	id uuid primary key,
	role text not null, -- learner | volunteer | coordinator
	full_name text not null,
	phone text not null unique, -- digits without '+', as GoTrue stores it
	gender text not null, -- female | male
	birth_year int not null,
	ward text not null references seed_ward (code),
	lat double precision not null,
	lng double precision not null,
	languages text[] not null,
	accessibility text[] not null, -- large_text | high_contrast | low_vision | hearing | wheelchair | slow_pace
	priority text[] not null, -- elderly | manual_worker | freelance_worker | farmer | disability | poor_household_student | remote_resident
	-- Not loaded (profiles have no such columns): here so whoever demos the app knows who these people are.
	occupation_vi text not null,
	occupation_en text not null,
	bio text not null,
	text_size text not null -- normal | large | xlarge
);

insert into seed_person values
	('00000000-0000-4000-8000-000000000001', 'learner', 'Nguyễn Thị Lan', '84900000001', 'female', 1958, 'HCM-BANCO',
		10.77180, 106.68020, '{vi}', '{large_text,slow_pace}', '{elderly}', 'Giáo viên tiểu học nghỉ hưu', 'Retired primary-school teacher',
		'Tôi muốn tự gọi video cho cháu ở Đà Lạt và tự đặt lịch khám ở bệnh viện.', 'large'),
	('00000000-0000-4000-8000-000000000002', 'volunteer', 'Trần Minh Khang', '84900000002', 'male', 2005, 'HCM-BANCO',
		10.77390, 106.68310, '{vi,en}', '{}', '{}', 'Sinh viên năm 2, Trường Đại học Khoa học Tự nhiên; đoàn viên', 'Second-year student, University of Science; Youth Union member',
		'Mình dạy được VNeID, VietQR, ứng dụng ngân hàng. Rảnh tối thứ Ba, thứ Năm và sáng Chủ nhật.', 'normal'),
	('00000000-0000-4000-8000-000000000003', 'coordinator', 'Lê Thị Thu Hà', '84900000003', 'female', 1986, 'HCM-BANCO',
		10.77250, 106.68150, '{vi,en}', '{}', '{}', 'Phó Chủ tịch Ủy ban MTTQ phường Bàn Cờ', 'Vice-chair of the Fatherland Front committee, Ban Co Ward',
		'Ban điều phối "Bình dân học vụ số" phường Bàn Cờ.', 'normal'),
	('00000000-0000-4000-8000-000000000004', 'coordinator', 'Phạm Quốc Bảo', '84900000004', 'male', 1994, 'HCM-THUDUC',
		10.85020, 106.75950, '{vi,en}', '{}', '{}', 'Bí thư Đoàn phường Thủ Đức', 'Youth Union secretary, Thu Duc Ward',
		'Ban điều phối "Bình dân học vụ số" phường Thủ Đức.', 'normal');

-- Deterministic generators: the i-th person takes names and places by modular arithmetic, so the
-- same seed always yields the same people (tests may refer to them by id or phone).
create temp table seed_names as
select
	array['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ',
		'Hồ', 'Ngô', 'Dương', 'Lý', 'Trương', 'Đinh', 'Lâm', 'Tạ', 'Mai', 'Châu'] as family,
	array['Thị', 'Ngọc', 'Thu', 'Kim', 'Thanh', 'Mỹ', 'Bích', 'Hồng', 'Thùy', 'Phương'] as middle_f,
	array['Văn', 'Minh', 'Quốc', 'Đức', 'Hữu', 'Thành', 'Công', 'Hoàng', 'Gia', 'Tấn'] as middle_m,
	array['Lan', 'Hoa', 'Mai', 'Hương', 'Thảo', 'Linh', 'Trang', 'Nhung', 'Hạnh', 'Yến', 'Tuyết',
		'Loan', 'Phượng', 'Vy', 'Anh', 'Ngân', 'Dung', 'Hằng', 'Châu', 'Oanh'] as given_f,
	array['Hùng', 'Dũng', 'Tuấn', 'Nam', 'Phúc', 'Long', 'Khang', 'Bảo', 'Huy', 'Tài', 'Sơn',
		'Thắng', 'Lộc', 'Tâm', 'Hải', 'Khoa', 'Trí', 'Nhân', 'Vinh', 'Quân'] as given_m,
	-- Volunteers live where the universities and Youth Union chapters are; learners everywhere.
	array['HCM-BANCO', 'HCM-BANCO', 'HCM-BANCO', 'HCM-XUANHOA', 'HCM-NHIEULOC', 'HCM-SAIGON',
		'HCM-BENTHANH', 'HCM-TANDINH', 'HCM-CHOQUAN', 'HCM-CHOQUAN', 'HCM-CHOLON', 'HCM-PHUNHUAN',
		'HCM-GOVAP', 'HCM-HANHTHONG', 'HCM-TANSONNHAT', 'HCM-TANBINH', 'HCM-BINHTHANH', 'HCM-GIADINH',
		'HCM-THANHMYTAY', 'HCM-THUDUC', 'HCM-THUDUC', 'HCM-THUDUC', 'HCM-LINHXUAN', 'HCM-LINHXUAN',
		'HCM-CAUONGLANH', 'HCM-HOCMON', 'HCM-CUCHI', 'HCM-CANGIO', 'HCM-CONDAO'] as volunteer_wards,
	array['HCM-BANCO', 'HCM-BANCO', 'HCM-BANCO', 'HCM-BANCO', 'HCM-XUANHOA', 'HCM-NHIEULOC',
		'HCM-SAIGON', 'HCM-BENTHANH', 'HCM-TANDINH', 'HCM-CAUONGLANH', 'HCM-CHOQUAN', 'HCM-CHOLON',
		'HCM-CHOLON', 'HCM-PHUNHUAN', 'HCM-GOVAP', 'HCM-GOVAP', 'HCM-HANHTHONG', 'HCM-TANSONNHAT',
		'HCM-TANBINH', 'HCM-BINHTHANH', 'HCM-GIADINH', 'HCM-THANHMYTAY', 'HCM-THUDUC', 'HCM-THUDUC',
		'HCM-THUDUC', 'HCM-LINHXUAN', 'HCM-HOCMON', 'HCM-CUCHI', 'HCM-CUCHI', 'HCM-CANGIO',
		'HCM-CONDAO'] as learner_wards;

-- 44 volunteers: students and young workers, Youth Union members, 18–30 years old in 2026.
insert into seed_person
select
	('00000000-0000-4000-8000-' || lpad((2000 + i)::text, 12, '0'))::uuid,
	'volunteer',
	nm.family[1 + (i * 7) % array_length(nm.family, 1)] || ' '
		|| case when i % 2 = 0 then nm.middle_f[1 + (i * 3) % 10] else nm.middle_m[1 + (i * 3) % 10] end || ' '
		|| case when i % 2 = 0 then nm.given_f[1 + (i * 3 + i / 6) % 20] else nm.given_m[1 + (i * 11 + i / 3) % 20] end,
	'8490000' || (2000 + i),
	case when i % 2 = 0 then 'female' else 'male' end,
	-- students 18–24, working volunteers 24–30
	case when i % 8 in (4, 5, 6) then 1996 + (i * 5) % 7 else 2002 + (i * 3) % 7 end,
	w.code,
	w.lat + (((i * 37) % 21) - 10) * case when w.kind = 'ward' then 0.0008 else 0.0004 end,
	w.lng + (((i * 53) % 21) - 10) * case when w.kind = 'ward' then 0.0008 else 0.0004 end,
	case when i % 3 = 0 then '{vi,en}'::text[] when w.code = 'HCM-CHOLON' then '{vi,zh}' else '{vi}' end,
	'{}',
	'{}',
	o.vi,
	o.en,
	'Tình nguyện viên "Bình dân học vụ số". ' || o.vi || '.',
	'normal'
from seed_names nm
cross join generate_series(1, 44) as i
join seed_ward w on w.code = nm.volunteer_wards[1 + (i - 1) % array_length(nm.volunteer_wards, 1)]
cross join lateral (
	select * from (values
		(0, 'Sinh viên Trường Đại học Khoa học Tự nhiên, đoàn viên', 'Student at the University of Science, Youth Union member'),
		(1, 'Sinh viên Trường Đại học Sư phạm Kỹ thuật', 'Student at the University of Technology and Education'),
		(2, 'Sinh viên Trường Đại học Sư phạm TP.HCM', 'Student at Ho Chi Minh City University of Education'),
		(3, 'Sinh viên Trường Đại học Bách khoa – ĐHQG TP.HCM', 'Student at Ho Chi Minh City University of Technology'),
		(4, 'Lập trình viên, ủy viên Ban chấp hành chi đoàn khu phố', 'Software developer, neighbourhood Youth Union committee member'),
		(5, 'Giáo viên tin học trường THCS', 'Lower-secondary computing teacher'),
		(6, 'Nhân viên ngân hàng, đoàn viên', 'Bank clerk, Youth Union member'),
		(7, 'Sinh viên Trường Đại học Y Dược TP.HCM', 'Student at the University of Medicine and Pharmacy')
	) as occ (k, vi, en)
	where k = i % 8
) as o;

-- Three more volunteers around Phường Bàn Cờ who teach online medical booking, so the demo
-- learner's request at the Bàn Cờ culture house has matches from both sides of the ward border:
-- Thư (Xuân Hòa, ~800 m, free Tuesday mornings), Huy (Nhiêu Lộc, ~1.3 km, Sunday mornings) and
-- Hân (Bàn Cờ, self-declared: not verified yet, Thursday mornings).
insert into seed_person values
	('00000000-0000-4000-8000-000000002045', 'volunteer', 'Ngô Thị Minh Thư', '84900002045', 'female', 2004, 'HCM-XUANHOA',
		10.77620, 106.68680, '{vi,en}', '{}', '{}', 'Sinh viên Trường Đại học Y Dược TP.HCM, đoàn viên', 'Student at the University of Medicine and Pharmacy, Youth Union member',
		'Mình chỉ cô chú đặt lịch khám trên ứng dụng bệnh viện và dùng thẻ BHYT trên VNeID.', 'normal'),
	('00000000-0000-4000-8000-000000002046', 'volunteer', 'Phan Quốc Huy', '84900002046', 'male', 1999, 'HCM-NHIEULOC',
		10.78300, 106.67900, '{vi}', '{}', '{}', 'Điều dưỡng, đoàn viên chi đoàn bệnh viện', 'Nurse, hospital Youth Union chapter member',
		'Sáng Chủ nhật mình rảnh, hướng dẫn đặt lịch khám và xem kết quả xét nghiệm.', 'normal'),
	('00000000-0000-4000-8000-000000002047', 'volunteer', 'Lý Ngọc Hân', '84900002047', 'female', 2006, 'HCM-BANCO',
		10.77380, 106.67950, '{vi,zh}', '{}', '{}', 'Sinh viên năm nhất, Trường Đại học Sư phạm TP.HCM', 'First-year student, Ho Chi Minh City University of Education',
		'Mình mới đăng ký, dạy được đặt lịch khám và nhắn tin Zalo.', 'normal');

-- 64 learners across the priority groups named by the movement.
insert into seed_person
select
	('00000000-0000-4000-8000-' || lpad((1000 + i)::text, 12, '0'))::uuid,
	'learner',
	nm.family[1 + (i * 5) % array_length(nm.family, 1)] || ' '
		|| case when g.female then nm.middle_f[1 + (i * 7) % 10] else nm.middle_m[1 + (i * 7) % 10] end || ' '
		|| case when g.female then nm.given_f[1 + (i * 7 + i / 5) % 20] else nm.given_m[1 + (i * 9 + i / 4) % 20] end,
	'8490000' || (1000 + i),
	case when g.female then 'female' else 'male' end,
	2026 - g.age,
	w.code,
	w.lat + (((i * 29) % 21) - 10) * case when w.kind = 'ward' then 0.0008 else 0.0004 end,
	w.lng + (((i * 41) % 21) - 10) * case when w.kind = 'ward' then 0.0008 else 0.0004 end,
	case when w.code = 'HCM-CHOLON' then '{vi,zh}'::text[] when i % 17 = 0 then '{vi,km}' else '{vi}' end,
	g.accessibility,
	g.priority,
	g.vi,
	g.en,
	g.bio,
	case when 'large_text' = any (g.accessibility) or 'low_vision' = any (g.accessibility) then 'xlarge'
		when g.age >= 60 then 'large' else 'normal' end
from seed_names nm
cross join generate_series(1, 64) as i
join seed_ward w on w.code = nm.learner_wards[1 + (i * 3) % array_length(nm.learner_wards, 1)]
cross join lateral (
	-- Rural wards get farmers; elsewhere the groups rotate.
	select
		case when w.kind <> 'ward' and i % 3 <> 0 then 'farmer' else (array['elderly', 'elderly', 'elderly',
			'manual_worker', 'driver', 'freelance', 'disability', 'elderly', 'poor_student'])[1 + i % 9] end as grp
) as pick
cross join lateral (
	select
		case pick.grp when 'driver' then i % 5 = 0 else i % 2 = 1 end as female,
		case pick.grp
			when 'elderly' then 60 + (i * 7) % 23
			when 'farmer' then 42 + (i * 5) % 27
			when 'driver' then 30 + (i * 3) % 25
			when 'poor_student' then 18 + i % 4
			when 'disability' then 25 + (i * 11) % 40
			else 24 + (i * 3) % 30 end as age,
		case pick.grp
			when 'elderly' then (array['{large_text,slow_pace}', '{large_text}', '{hearing,large_text}', '{slow_pace}', '{}'])[1 + i % 5]::text[]
			when 'disability' then (array['{low_vision,high_contrast,large_text}', '{wheelchair}', '{hearing}'])[1 + i % 3]::text[]
			else '{}'::text[] end as accessibility,
		case pick.grp
			when 'elderly' then '{elderly}'::text[]
			when 'farmer' then case when w.kind <> 'ward' and w.code in ('HCM-CANGIO', 'HCM-CONDAO') then '{farmer,remote_resident}'::text[] else '{farmer}' end
			when 'driver' then '{freelance_worker}'
			when 'poor_student' then '{poor_household_student}'
			when 'disability' then '{disability}'
			when 'manual_worker' then '{manual_worker}'
			else '{freelance_worker}' end as priority,
		case pick.grp
			when 'elderly' then (array['Hưu trí', 'Nội trợ, hưu trí', 'Cựu chiến binh', 'Bán tạp hóa tại nhà'])[1 + i % 4]
			when 'farmer' then (array['Nông dân trồng rau', 'Nuôi bò sữa', 'Nuôi tôm, làm muối', 'Trồng cao su'])[1 + i % 4]
			when 'driver' then 'Tài xế xe ôm công nghệ'
			when 'poor_student' then 'Học sinh lớp 12, hộ cận nghèo'
			when 'disability' then 'Thợ sửa điện thoại tại nhà'
			when 'manual_worker' then (array['Công nhân may', 'Thợ hồ', 'Công nhân khu chế xuất'])[1 + i % 3]
			else (array['Bán hàng rong', 'Thợ may tại nhà', 'Bán cà phê vỉa hè'])[1 + i % 3] end as vi,
		case pick.grp
			when 'elderly' then (array['Retired', 'Homemaker, retired', 'Veteran', 'Runs a small shop at home'])[1 + i % 4]
			when 'farmer' then (array['Vegetable farmer', 'Dairy farmer', 'Shrimp farmer and salt maker', 'Rubber grower'])[1 + i % 4]
			when 'driver' then 'Ride-hailing motorbike driver'
			when 'poor_student' then 'Grade-12 pupil from a near-poor household'
			when 'disability' then 'Repairs phones at home'
			when 'manual_worker' then (array['Garment worker', 'Builder', 'Export-processing-zone worker'])[1 + i % 3]
			else (array['Street vendor', 'Home tailor', 'Pavement coffee seller'])[1 + i % 3] end as en,
		case pick.grp
			when 'elderly' then 'Con cháu ở xa, muốn tự gọi video và làm giấy tờ trên điện thoại.'
			when 'farmer' then 'Muốn bán hàng và nhận tiền qua mã QR, xem giá nông sản.'
			when 'driver' then 'Dùng điện thoại rẻ, ít dữ liệu; cần học ứng dụng ngân hàng và chống lừa đảo.'
			when 'poor_student' then 'Cần nộp hồ sơ trực tuyến và học thêm về AI.'
			when 'disability' then 'Cần hướng dẫn chậm, chữ to, tương phản cao.'
			else 'Muốn làm thủ tục trên VNeID mà không phải nghỉ làm.' end as bio
) as g;

-- ---------------------------------------------------------------------------
-- Staging: who teaches what and when, requests, sessions, feedback, groups
-- ---------------------------------------------------------------------------

-- Skills each volunteer teaches (level 1 = can show it, 2 = confident, 3 = can train others).
create temp table seed_vskill (
	volunteer uuid not null references seed_person (id),
	skill int not null references seed_skill (n),
	level int not null,
	primary key (volunteer, skill)
);

insert into seed_vskill
select p.id, s.skill, 1 + (s.skill + k) % 3
from seed_person p
cross join lateral (select (p.phone::bigint - 84900002000)::int % 8 as k) kk
cross join lateral unnest(case k
		when 0 then array[1, 2, 6, 7, 12]
		when 1 then array[1, 2, 3, 10, 14]
		when 2 then array[1, 3, 4, 12, 13]
		when 3 then array[2, 5, 6, 11, 14]
		when 4 then array[7, 8, 12, 13, 14]
		when 5 then array[1, 2, 3, 4, 13]
		when 6 then array[5, 6, 11, 12]
		else array[1, 6, 8, 9] end) as s (skill)
where p.role = 'volunteer' and p.phone like '849000020%';

insert into seed_vskill values
	('00000000-0000-4000-8000-000000002045', 9, 3),
	('00000000-0000-4000-8000-000000002046', 9, 2),
	('00000000-0000-4000-8000-000000000002', 1, 3),
	('00000000-0000-4000-8000-000000000002', 3, 3),
	('00000000-0000-4000-8000-000000000002', 5, 3),
	('00000000-0000-4000-8000-000000000002', 6, 3),
	('00000000-0000-4000-8000-000000000002', 7, 2),
	('00000000-0000-4000-8000-000000000002', 9, 2),
	('00000000-0000-4000-8000-000000000002', 11, 2),
	('00000000-0000-4000-8000-000000000002', 12, 3),
	('00000000-0000-4000-8000-000000000003', 4, 3),
	('00000000-0000-4000-8000-000000000003', 7, 3),
	('00000000-0000-4000-8000-000000000003', 8, 3),
	('00000000-0000-4000-8000-000000000004', 7, 2),
	('00000000-0000-4000-8000-000000000004', 12, 3),
	('00000000-0000-4000-8000-000000000004', 14, 3);

-- Weekly availability in local time (weekday 1 = Monday … 7 = Sunday). Students: two evenings and
-- a weekend half-day; working volunteers: one evening and Sunday.
create temp table seed_avail (
	volunteer uuid not null references seed_person (id),
	weekday int not null,
	starts time not null,
	ends time not null
);

insert into seed_avail
select p.id, d.weekday, d.starts, d.ends
from seed_person p
cross join lateral (select (p.phone::bigint - 84900002000)::int as i) ii
cross join lateral (values
	(1 + i % 5, time '18:30', time '21:00'),
	(1 + (i + 2) % 5, time '18:30', time '21:00'),
	(case when i % 2 = 0 then 7 else 6 end, case when i % 2 = 0 then time '08:00' else time '14:00' end,
		case when i % 2 = 0 then time '11:30' else time '17:00' end)
) as d (weekday, starts, ends)
where p.role = 'volunteer' and p.phone like '849000020%';

insert into seed_avail values
	('00000000-0000-4000-8000-000000002045', 2, '08:00', '11:00'),
	('00000000-0000-4000-8000-000000002047', 4, '07:30', '10:00'),
	('00000000-0000-4000-8000-000000000002', 2, '18:30', '21:00'),
	('00000000-0000-4000-8000-000000000002', 4, '18:30', '21:00'),
	('00000000-0000-4000-8000-000000000002', 7, '08:00', '11:30'),
	('00000000-0000-4000-8000-000000000003', 6, '08:00', '11:00'),
	('00000000-0000-4000-8000-000000000004', 7, '08:00', '11:00');

-- Sessions that happened or will happen. Teachers and learners are named by phone so the stories
-- read as stories; `d` is days from today (past sessions) or the week (upcoming ones, see `dow`)
-- and `t` the local start time.
create temp table seed_session (
	n int primary key,
	teacher text not null,
	learners text[] not null,
	skill text not null references seed_skill (code),
	kind text not null, -- one_to_one | class
	place text not null, -- home | venue
	venue int references seed_venue (n),
	d int not null,
	t time not null,
	minutes int not null,
	status text not null, -- scheduled | completed | cancelled | no_show
	capacity int,
	note text,
	dow int -- for upcoming sessions: the next such ISO weekday (+ d - 1 weeks), so they fall inside
	-- the teacher's weekly availability whatever day the seed runs
);

insert into seed_session values
	-- The demo volunteer's ripple: Tâm learns VietQR from him, teaches Oanh, who teaches her neighbour Vy.
	(1, '84900000002', '{84900001062}', 'epayment-vietqr', 'one_to_one', 'venue', 5, -75, '19:00', 60, 'completed', null, null),
	(2, '84900000002', '{84900001001}', 'vneid', 'one_to_one', 'home', null, -60, '09:00', 60, 'completed', null, null),
	(3, '84900000002', '{84900001032}', 'banking-app', 'one_to_one', 'venue', 5, -45, '19:00', 60, 'completed', null, null),
	(4, '84900001062', '{84900001011}', 'epayment-vietqr', 'one_to_one', 'home', null, -30, '16:00', 45, 'completed', null, null),
	(5, '84900000002', '{84900000001}', 'zalo-messaging', 'one_to_one', 'home', null, -20, '09:00', 45, 'completed', null, null),
	(6, '84900000002', '{84900001031,84900001032,84900001052,84900001021}', 'scam-awareness', 'class', 'venue', 5, -12, '08:30', 90, 'completed', 20,
		'Lớp "Nhận diện lừa đảo" cho tổ dân phố 12, Khu phố 3'),
	(7, '84900001011', '{84900001063}', 'epayment-vietqr', 'one_to_one', 'home', null, -8, '16:30', 45, 'completed', null, null),
	-- Thủ Đức: a pupil learns VNeID and then helps an old neighbour.
	(8, '84900002020', '{84900001008}', 'vneid', 'one_to_one', 'venue', 20, -50, '18:30', 60, 'completed', null, null),
	(9, '84900001008', '{84900001018}', 'vneid', 'one_to_one', 'home', null, -15, '17:00', 60, 'completed', null, null),
	-- Phú Nhuận: a grandmother who learned Zalo shows the man next door.
	(10, '84900002012', '{84900001025}', 'zalo-messaging', 'one_to_one', 'home', null, -40, '19:00', 45, 'completed', null, null),
	(11, '84900001025', '{84900001056}', 'zalo-messaging', 'one_to_one', 'home', null, -10, '15:00', 45, 'completed', null, null),
	(12, '84900002021', '{84900001049,84900001059,84900001039,84900001028}', 'ai-tools', 'class', 'venue', 19, -25, '08:30', 90, 'completed', 30,
		'Lớp AI cho người lao động, phòng máy Trường ĐH Sư phạm Kỹ thuật'),
	(13, '84900002027', '{84900001040}', 'epayment-vietqr', 'one_to_one', 'venue', 23, -35, '07:30', 60, 'completed', null, null),
	(14, '84900002027', '{84900001061}', 'epayment-vietqr', 'one_to_one', 'venue', 23, -21, '07:30', 60, 'completed', null, null),
	(15, '84900002011', '{84900001045}', 'medical-booking', 'one_to_one', 'venue', 9, -18, '08:00', 45, 'completed', null, null),
	(16, '84900002029', '{84900001010}', 'getting-online', 'one_to_one', 'venue', 26, -28, '09:00', 45, 'completed', null, null),
	(17, '84900002028', '{84900001020}', 'smartphone-basics', 'one_to_one', 'venue', 25, -33, '18:00', 60, 'completed', null, null),
	(18, '84900002013', '{84900001036}', 'smartphone-basics', 'one_to_one', 'home', null, -22, '09:30', 60, 'completed', null, null),
	(19, '84900002013', '{84900001015}', 'smartphone-basics', 'one_to_one', 'home', null, -14, '18:30', 60, 'completed', null, null),
	(20, '84900002001', '{84900001042}', 'scam-awareness', 'one_to_one', 'home', null, -9, '19:00', 60, 'completed', null, null),
	(21, '84900002002', '{84900001021}', 'vneid', 'one_to_one', 'venue', 5, -5, '19:00', 60, 'cancelled', null, 'Người học bị ốm, hẹn lại sau'),
	(22, '84900002016', '{84900001037}', 'medical-booking', 'one_to_one', 'venue', 15, -6, '08:00', 45, 'no_show', null, null),
	-- Coming up.
	(31, '84900000002', '{84900000001}', 'vneid', 'one_to_one', 'home', null, 1, '19:00', 60, 'scheduled', null, null),
	(32, '84900000002', '{84900001052}', 'medical-booking', 'one_to_one', 'venue', 5, 1, '19:00', 45, 'scheduled', null, null),
	(33, '84900000002', '{84900001001,84900001031,84900001063}', 'national-public-service-portal', 'class', 'venue', 5, 1, '08:30', 90, 'scheduled', 12,
		'Lớp nộp hồ sơ trực tuyến, mang theo căn cước gắn chip'),
	(34, '84900002020', '{84900001049}', 'banking-app', 'one_to_one', 'venue', 20, 1, '20:00', 60, 'scheduled', null, null),
	(35, '84900002035', '{84900001064}', 'cong-dan-so-hcm', 'one_to_one', 'venue', 1, 1, '14:30', 60, 'scheduled', null, null),
	(36, '84900002040', '{84900001014}', 'epayment-vietqr', 'one_to_one', 'venue', 9, 1, '18:30', 45, 'scheduled', null, null),
	(37, '84900002027', '{84900001009,84900001030}', 'epayment-vietqr', 'class', 'venue', 23, 1, '18:30', 90, 'scheduled', 25,
		'Lớp VietQR cho bà con bán nông sản'),
	(38, '84900001008', '{84900001028}', 'vneid', 'one_to_one', 'home', null, 1, '17:00', 60, 'scheduled', null, null);

update seed_session set dow = x.dow
from (values (31, 2), (32, 4), (33, 7), (34, 1), (35, 6), (36, 3), (37, 3), (38, 6)) as x (n, dow)
where seed_session.n = x.n;

-- Whoever teaches a session teaches its skill, including learners who went on to teach.
insert into seed_vskill
select distinct t.id, k.n, 2
from seed_session s
join seed_person t on t.phone = s.teacher
join seed_skill k on k.code = s.skill
on conflict do nothing;

-- Feedback from learners after completed sessions; `can_do` lists the checklist steps they can now
-- do alone.
create temp table seed_feedback (
	session int not null references seed_session (n),
	learner text not null,
	rating int not null,
	comment text not null,
	can_do int[] not null,
	primary key (session, learner)
);

insert into seed_feedback values
	(1, '84900001062', 5, 'Anh Khang chỉ rất dễ hiểu, giờ em tự quét mã trả tiền được rồi.', '{1,2,3,4,5}'),
	(2, '84900001001', 5, 'Cháu kiên nhẫn, chỉ đi chỉ lại cho tới khi cô làm được.', '{1,2,3,4}'),
	(3, '84900001032', 4, 'Học được xem số dư, chuyển khoản thì cần tập thêm.', '{1,3,5}'),
	(4, '84900001011', 5, 'Tâm nhà bên chỉ tôi quét mã, giờ đi chợ khỏi cầm tiền lẻ.', '{1,2,3,4,5}'),
	(5, '84900000001', 5, 'Tôi đã gọi video được cho cháu ở Đà Lạt. Cảm ơn cháu Khang!', '{1,2,3,4}'),
	(6, '84900001031', 5, 'Biết cách nhận ra cuộc gọi giả danh công an.', '{1,2,3}'),
	(6, '84900001032', 4, 'Lớp đông nhưng vui, có ví dụ thật.', '{1,2,3,4}'),
	(6, '84900001052', 5, 'Loa to, chữ to, tôi nghe và đọc rõ.', '{1,3}'),
	(6, '84900001021', 5, 'Giờ có ai gọi nói con tôi bị tai nạn cần chuyển tiền, tôi biết gọi lại kiểm tra.', '{1,3,6}'),
	(7, '84900001063', 5, 'Chị Oanh chỉ tận tình, giờ tôi bán hàng nhận tiền qua mã QR.', '{1,2,3,5,7}'),
	(8, '84900001008', 5, 'Chị Hương hướng dẫn tích hợp BHYT vào VNeID rất nhanh.', '{1,2,3,4,5}'),
	(9, '84900001018', 5, 'Thằng Hải nhà bên chỉ cho tôi, giờ tôi tự mở thẻ căn cước trên điện thoại.', '{1,2,4}'),
	(10, '84900001025', 5, 'Gọi video được cho con gái bên Úc rồi.', '{1,2,3,4,5}'),
	(11, '84900001056', 4, 'Bà Lan chỉ tôi gửi ảnh qua Zalo, còn gọi video thì tập thêm.', '{2,3}'),
	(12, '84900001049', 5, 'Dùng AI soạn tin nhắn cho khách rất tiện.', '{1,2,3,5,6}'),
	(12, '84900001059', 4, 'Hay nhưng hơi nhanh với tôi.', '{1,3}'),
	(12, '84900001039', 5, 'Biết dịch thư của công ty sang tiếng Anh.', '{1,2,4,6}'),
	(12, '84900001028', 4, 'Tôi hỏi AI về cách chăm cây kiểng, nó trả lời được.', '{1,5}'),
	(13, '84900001040', 4, 'Biết quét mã nhận tiền bán rau, nhưng mạng ở ruộng hơi yếu.', '{1,2,3,7}'),
	(14, '84900001061', 5, 'Giờ thương lái chuyển tiền qua mã QR, tôi kiểm tra được tên người gửi.', '{1,2,3,5,7}'),
	(15, '84900001045', 5, 'Em Phúc nói được tiếng Hoa, giải thích dễ hiểu. Đặt lịch khám Chợ Rẫy được rồi.', '{1,2,3,4}'),
	(16, '84900001010', 5, 'Kết nối được Wi-Fi ở thư viện và bật 4G trên biển.', '{1,2,3,4}'),
	(17, '84900001020', 4, 'Học được chụp ảnh và gọi điện, chữ đã to hơn.', '{1,2,3,4,6}'),
	(18, '84900001036', 5, 'Ông 82 tuổi rồi mà vẫn học được, cảm ơn thầy Bảo.', '{1,3,4}'),
	(19, '84900001015', 5, 'Thầy chỉnh tương phản cao và đọc màn hình cho tôi, rất chu đáo.', '{1,2,3,4,5,7}'),
	(20, '84900001042', 5, 'Biết báo cáo số điện thoại lừa đảo rồi.', '{1,2,3,6}');

-- Open requests from learners not in any session above, across priority groups and ages.
create temp table seed_request (
	n int primary key,
	learner text not null,
	skill text not null references seed_skill (code),
	place text not null, -- home | venue | near_point
	venue int references seed_venue (n),
	age interval not null,
	slots text[] not null, -- weekday_morning | weekday_afternoon | weekday_evening | weekend_morning | weekend_afternoon
	note text not null
);

insert into seed_request
select
	100 + row_number() over (order by p.phone)::int,
	p.phone,
	pick.skill,
	case when 'wheelchair' = any (p.accessibility) or p.birth_year < 1956 then 'home'
		when v.n is not null and (p.phone::bigint % 3) <> 0 then 'venue' else 'near_point' end,
	case when 'wheelchair' = any (p.accessibility) or p.birth_year < 1956 then null
		when (p.phone::bigint % 3) <> 0 then v.n end,
	make_interval(days => ((p.phone::bigint * 7) % 31)::int, hours => ((p.phone::bigint * 5) % 24)::int),
	case when 'elderly' = any (p.priority) then '{weekday_morning,weekend_morning}'::text[]
		when 'farmer' = any (p.priority) then '{weekday_evening,weekend_morning}'
		when 'freelance_worker' = any (p.priority) then '{weekday_afternoon,weekend_afternoon}'
		else '{weekday_evening,weekend_afternoon}' end,
	case pick.skill
		when 'zalo-messaging' then 'Muốn gọi video cho con cháu ở xa.'
		when 'smartphone-basics' then 'Mới được con mua điện thoại, chưa biết dùng gì cả.'
		when 'vneid' then 'Phường nhắc cài VNeID mà tôi chưa biết đăng nhập.'
		when 'medical-booking' then 'Tái khám tim mạch mỗi tháng, muốn đặt lịch trước đỡ chờ.'
		when 'scam-awareness' then 'Hay bị gọi điện lạ nói trúng thưởng, sợ bị lừa.'
		when 'epayment-vietqr' then 'Khách hay hỏi chuyển khoản, tôi muốn có mã QR để nhận tiền.'
		when 'banking-app' then 'Ngân hàng bắt xác thực khuôn mặt, tôi làm không được.'
		when 'ride-hailing' then 'Muốn tự đặt xe đi bệnh viện khi con đi làm.'
		when 'national-public-service-portal' then 'Cần xin bản sao giấy khai sinh cho con.'
		when 'ai-tools' then 'Muốn học AI để ôn thi đại học.'
		when 'cong-dan-so-hcm' then 'Muốn phản ánh đèn đường hư trong hẻm.'
		when 'responsible-social-media' then 'Con cháu dặn đừng chia sẻ tin giả, tôi muốn biết cách kiểm tra.'
		when 'getting-online' then 'Nhà có Wi-Fi mà điện thoại không vào được.'
		else 'Muốn tra cứu hồ sơ đã nộp ở phường.' end
from seed_person p
join seed_ward w on w.code = p.ward
left join lateral (
	select sv.n from seed_venue sv where sv.ward = p.ward order by sv.n limit 1
) v on true
cross join lateral (
	select (case
		when 'elderly' = any (p.priority) then array['zalo-messaging', 'smartphone-basics', 'vneid', 'medical-booking', 'scam-awareness', 'ride-hailing', 'responsible-social-media']
		when 'farmer' = any (p.priority) then array['epayment-vietqr', 'getting-online', 'banking-app', 'scam-awareness']
		when 'poor_household_student' = any (p.priority) then array['national-public-service-portal', 'ai-tools', 'cong-dan-so-hcm']
		when 'disability' = any (p.priority) then array['smartphone-basics', 'admin-lookup', 'responsible-social-media']
		when 'manual_worker' = any (p.priority) then array['vneid', 'epayment-vietqr', 'banking-app', 'admin-lookup']
		else array['banking-app', 'scam-awareness', 'epayment-vietqr', 'ride-hailing'] end) as skills
) sk
cross join lateral (
	select sk.skills[1 + (p.phone::bigint % array_length(sk.skills, 1))::int] as skill
) pick
where p.role = 'learner'
	and p.phone not in (select unnest(s.learners) from seed_session s where s.status <> 'cancelled');

-- The demo learner also has one open request of her own, at the Bàn Cờ culture house, and her
-- neighbours keep asking, so the demo volunteer's feed and the coordinator's queue are not empty.
insert into seed_request values
	(99, '84900000001', 'medical-booking', 'venue', 5, interval '2 days 3 hours', '{weekday_morning,weekend_morning}',
		'Tôi tái khám mắt ở bệnh viện mỗi ba tháng, muốn tự đặt lịch trên điện thoại. Cần chữ to.'),
	(91, '84900001052', 'zalo-messaging', 'home', null, interval '5 hours', '{weekday_morning,weekend_morning}',
		'Tai tôi nghe kém, nhờ cháu chỉ nhắn tin chữ và gửi ảnh cho con.'),
	(92, '84900001031', 'ride-hailing', 'near_point', null, interval '3 days 2 hours', '{weekday_afternoon,weekend_afternoon}',
		'Tôi chạy xe ôm truyền thống, muốn học nhận cuốc trên ứng dụng. Gặp ở quán cà phê đầu hẻm.'),
	(93, '84900001062', 'ai-tools', 'venue', 5, interval '9 days 6 hours', '{weekday_evening,weekend_afternoon}',
		'Em muốn dùng AI để ôn thi tốt nghiệp mà không bị phụ thuộc.'),
	(94, '84900001042', 'responsible-social-media', 'home', null, interval '16 days 1 hour', '{weekday_evening}',
		'Mắt tôi kém, cần chỉnh chữ to và đọc tin bằng giọng nói, biết tin nào là tin giả.'),
	(95, '84900001063', 'cong-dan-so-hcm', 'venue', 5, interval '25 days 4 hours', '{weekday_morning}',
		'Muốn phản ánh chuyện nước ngập trong hẻm qua ứng dụng của Thành phố.'),
	(96, '84900001018', 'medical-booking', 'home', null, interval '12 days', '{weekday_morning}',
		'Tái khám huyết áp ở bệnh viện Thủ Đức, muốn đặt lịch trước.'),
	(97, '84900001028', 'zalo-messaging', 'near_point', null, interval '20 hours', '{weekend_morning}',
		'Muốn vào nhóm Zalo của khu phố để xem thông báo.');

-- Neighbourhood groups: residents' groups (tổ dân phố), Youth Union chapters (chi đoàn),
-- the Women's Union and the Farmers' Union.
create temp table seed_group (
	n int primary key,
	ward text not null references seed_ward (code),
	kind text not null, -- residents | youth_union | womens_union | farmers_union
	name_vi text not null,
	name_en text not null
);

insert into seed_group values
	(1, 'HCM-BANCO', 'residents', 'Tổ dân phố 12, Khu phố 3 – Phường Bàn Cờ', 'Residents'' group 12, Quarter 3 – Ban Co Ward'),
	(2, 'HCM-BANCO', 'youth_union', 'Chi đoàn Khu phố 3 – Phường Bàn Cờ', 'Youth Union chapter, Quarter 3 – Ban Co Ward'),
	(3, 'HCM-THUDUC', 'youth_union', 'Chi đoàn Trường Đại học Sư phạm Kỹ thuật', 'Youth Union chapter, University of Technology and Education'),
	(4, 'HCM-THUDUC', 'residents', 'Tổ dân phố 5, Khu phố 4 – Phường Thủ Đức', 'Residents'' group 5, Quarter 4 – Thu Duc Ward'),
	(5, 'HCM-CHOLON', 'womens_union', 'Chi hội Phụ nữ Khu phố 7 – Phường Chợ Lớn', 'Women''s Union branch, Quarter 7 – Cho Lon Ward'),
	(6, 'HCM-CUCHI', 'farmers_union', 'Chi hội Nông dân ấp Phước Hòa – Xã Củ Chi', 'Farmers'' Union branch, Phuoc Hoa hamlet – Cu Chi Commune'),
	(7, 'HCM-PHUNHUAN', 'residents', 'Tổ dân phố 8, Khu phố 4 – Phường Phú Nhuận', 'Residents'' group 8, Quarter 4 – Phu Nhuan Ward'),
	(8, 'HCM-CONDAO', 'youth_union', 'Chi đoàn Khu dân cư số 3 – Đặc khu Côn Đảo', 'Youth Union chapter, Residential area 3 – Con Dao Special Zone');

create temp table seed_member (
	grp int not null references seed_group (n),
	person uuid not null references seed_person (id),
	is_leader boolean not null default false,
	primary key (grp, person)
);

insert into seed_member (grp, person, is_leader)
select g.n, p.id, false
from seed_group g
join seed_person p on p.ward = g.ward or g.n = 3
where (g.kind = 'residents' and p.role = 'learner')
	or (g.kind = 'youth_union' and g.n <> 3 and p.role = 'volunteer')
	or (g.n = 3 and p.role = 'volunteer' and (p.ward in ('HCM-THUDUC', 'HCM-LINHXUAN')
		or p.phone like '849000020%' and (p.phone::bigint - 84900002000) % 8 = 1))
	or (g.n = 8 and p.birth_year >= 1990)
	or (g.kind = 'womens_union' and p.gender = 'female')
	or (g.kind = 'farmers_union' and p.role = 'learner')
on conflict do nothing;

-- Leaders: the demo volunteer leads the Bàn Cờ chapter; the oldest member leads each other group.
update seed_member set is_leader = true
where (grp, person) in (
	select distinct on (m.grp) m.grp, m.person
	from seed_member m join seed_person p on p.id = m.person
	order by m.grp, (p.id = '00000000-0000-4000-8000-000000000002') desc, p.birth_year, p.phone
);

-- =============================================================================
-- Load: areas, people (auth users -> profiles by trigger), homes, consents, coordinators
-- =============================================================================

insert into public.areas (code, kind, parent_id, name_vi, name_en, center_lat, center_lng)
values ('HCM', 'city', null, 'Thành phố Hồ Chí Minh', 'Ho Chi Minh City', 10.7769, 106.7009);

insert into public.areas (code, kind, parent_id, name_vi, name_en, center_lat, center_lng)
select w.code, w.kind, (select id from public.areas where code = 'HCM'), w.name_vi, w.name_en, w.lat, w.lng
from seed_ward w
order by w.code;

-- GoTrue's own shape: phone as digits, empty strings (not nulls) in the token columns it scans,
-- one identity per sign-in method. The bcrypt hash is of `matkhau123`.
insert into auth.users (
	instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, phone, phone_confirmed_at,
	confirmation_token, recovery_token, email_change_token_new, email_change, email_change_token_current,
	phone_change, phone_change_token, reauthentication_token,
	raw_app_meta_data, raw_user_meta_data, last_sign_in_at, created_at, updated_at, is_sso_user, is_anonymous
)
select
	'00000000-0000-0000-0000-000000000000', p.id, 'authenticated', 'authenticated', e.email,
	'$2a$10$BVtbtjNqOWHqo.bh2WlL8.uMXGc9gjiSuWGoMQdKlDEdUxf1w2gWe',
	case when e.email is not null then p.created end, p.phone, p.created,
	'', '', '', '', '', '', '', '',
	jsonb_build_object('provider', 'phone', 'providers',
		case when e.email is null then '["phone"]'::jsonb else '["phone", "email"]'::jsonb end),
	jsonb_build_object('display_name', p.full_name, 'locale', 'vi'),
	now() - interval '2 days', p.created, p.created, false, false
from (
	select sp.*, now() - make_interval(days => 130 + (right(sp.phone, 3)::int * 7) % 150) as created
	from seed_person sp
) p
left join (values
	('84900000001', 'hocvien.demo@example.com'),
	('84900000002', 'tinhnguyen.demo@example.com'),
	('84900000003', 'dieuphoi.demo@example.com')
) as e (phone, email) on e.phone = p.phone
order by p.phone;

insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.id::text, u.id,
	jsonb_build_object('sub', u.id::text, 'phone', u.phone, 'email_verified', false, 'phone_verified', true),
	'phone', u.last_sign_in_at, u.created_at, u.created_at
from auth.users u
where u.id in (select id from seed_person)
union all
select u.id::text, u.id,
	jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true, 'phone_verified', false),
	'email', u.last_sign_in_at, u.created_at, u.created_at
from auth.users u
where u.id in (select id from seed_person) and u.email is not null;

-- The trigger made bare profiles; fill in what onboarding would have asked.
update public.profiles pr
set
	ward_id = a.id,
	wants_to_learn = p.role = 'learner',
	can_teach = p.role in ('volunteer', 'coordinator') or p.id in (select volunteer from seed_vskill),
	languages = p.languages,
	accessibility_needs = p.accessibility,
	priority_groups = p.priority,
	birth_year = p.birth_year,
	text_size = p.text_size,
	high_contrast = 'high_contrast' = any (p.accessibility),
	locale = 'vi',
	onboarded_at = u.created_at + interval '10 minutes'
from seed_person p
join public.areas a on a.code = p.ward
join auth.users u on u.id = p.id
where pr.id = p.id;

-- Every tenth learner has no smartphone of their own: a volunteer of the same ward registered them
-- (assisted learner) and recorded their consent.
create temp table seed_assisted as
select distinct on (l.id) l.id as learner, v.id as helper
from seed_person l
join seed_person v on v.role = 'volunteer' and v.ward = l.ward
where l.role = 'learner' and right(l.phone, 2)::int % 10 = 0
order by l.id, v.phone;

update public.profiles pr set registered_by = s.helper from seed_assisted s where pr.id = s.learner;

insert into public.home_locations (profile_id, lat, lng)
select p.id, round(p.lat::numeric, 5), round(p.lng::numeric, 5)
from seed_person p
order by p.phone;

insert into public.consents (profile_id, kind, version, granted, recorded_by, granted_at)
select p.id, k.kind, case k.kind when 'personal_data' then '2026-01-01' else '2025-07-01' end, true, s.helper,
       u.created_at + interval '5 minutes'
from seed_person p
join auth.users u on u.id = p.id
left join seed_assisted s on s.learner = p.id
cross join (values ('terms'), ('personal_data')) as k (kind)
order by p.phone, k.kind;

insert into public.coordinator_assignments (profile_id, ward_id, appointed_at)
select p.id, a.id, now() - interval '120 days'
from seed_person p
join public.areas a on a.code = p.ward
where p.role = 'coordinator';

-- =============================================================================
-- Load: venues and the curriculum
-- =============================================================================

insert into public.venues (
	ward_id, kind, name_vi, name_en, address, lat, lng, opening_hours, devices, shared_tablets, capacity,
	wheelchair_accessible, created_by
)
select
	a.id, v.kind, v.name_vi, v.name_en, v.address, v.lat, v.lng, v.hours,
	array_remove(array[
		case when v.wifi then 'wifi' end,
		case when v.tablets > 0 then 'tablet' end,
		case when v.kind in ('school', 'library', 'ward_office') then 'computer' end,
		case when v.capacity >= 30 then 'projector' end,
		case when v.kind in ('library', 'ward_office') then 'printer' end
	], null),
	v.tablets, v.capacity, v.wheelchair, null
from seed_venue v
join public.areas a on a.code = v.ward
order by v.n;

insert into public.skill_categories (slug, name_vi, name_en, icon, sort_order)
values
	('devices', 'Thiết bị thông minh', 'Smart devices', '📱', 1),
	('connectivity', 'Kết nối Internet', 'Getting online', '📶', 2),
	('communication', 'Liên lạc', 'Keeping in touch', '💬', 3),
	('public-services', 'Dịch vụ công trực tuyến', 'Online public services', '🏛️', 4),
	('payments', 'Thanh toán và ngân hàng', 'Payments and banking', '💳', 5),
	('health', 'Sức khỏe', 'Health', '🩺', 6),
	('transport', 'Đi lại', 'Getting around', '🛵', 7),
	('safety', 'An toàn thông tin', 'Staying safe online', '🛡️', 8),
	('social-media', 'Mạng xã hội', 'Social media', '👥', 9),
	('ai', 'Trí tuệ nhân tạo', 'Artificial intelligence', '🤖', 10);

insert into public.skills (
	category_id, slug, title_vi, title_en, description_vi, description_en, level, estimated_minutes, sort_order
)
select c.id, s.code, s.title_vi, s.title_en, s.description_vi, s.description_en, s.level, s.minutes, s.n
from seed_skill s
join public.skill_categories c on c.slug = s.category
order by s.n;

-- One icon per skill for the skill picker (a skill without one shows its category's).
update public.skills k set icon = i.icon
from (values
	('smartphone-basics', '📱'), ('getting-online', '📶'), ('zalo-messaging', '💬'), ('admin-lookup', '🔎'),
	('epayment-vietqr', '💳'), ('vneid', '🪪'), ('national-public-service-portal', '🏛️'),
	('cong-dan-so-hcm', '🏙️'), ('medical-booking', '🩺'), ('ride-hailing', '🛵'), ('banking-app', '🏦'),
	('scam-awareness', '🛡️'), ('responsible-social-media', '👥'), ('ai-tools', '🤖')
) as i (slug, icon)
where k.slug = i.slug;

insert into public.skill_steps (skill_id, position, title_vi, title_en)
select k.id, st.pos, st.vi, st.en
from seed_step st
join seed_skill s on s.n = st.skill
join public.skills k on k.slug = s.code
order by s.n, st.pos;

-- Links that point at a portal's home page rather than the exact item are titled as examples.
insert into public.learning_materials (skill_id, kind, title, url, language, added_by)
select k.id, case when m.kind = 'link' then 'lesson' else m.kind end,
	m.title_vi || case when m.example then ' (liên kết ví dụ)' else '' end, m.url, 'vi', null
from seed_material m
join seed_skill s on s.n = m.skill
join public.skills k on k.slug = s.code
order by m.skill, m.pos;

insert into public.learning_materials (skill_id, kind, title, url, language, added_by)
select k.id, 'lesson', e.title, e.url, 'en', null
from (values
	('smartphone-basics', 'Android Help (Google)', 'https://support.google.com/android/?hl=en'),
	('smartphone-basics', 'iPhone User Guide (Apple)', 'https://support.apple.com/guide/iphone/welcome/ios'),
	('getting-online', 'Connect to Wi-Fi networks on Android', 'https://support.google.com/android/answer/9075847?hl=en')
) as e (slug, title, url)
join public.skills k on k.slug = e.slug;

-- =============================================================================
-- Load: volunteers' skills, availability, verification; requests, sessions, feedback
-- =============================================================================

-- Volunteers in the city centre walk or ride a few kilometres; in the communes and on Côn Đảo
-- people live further apart.
update public.profiles pr
set teaching_radius_m = case when w.kind = 'ward' then 3000 + (right(p.phone, 1)::int % 3) * 1000 else 12000 end
from seed_person p
join seed_ward w on w.code = p.ward
where pr.id = p.id and pr.can_teach;

insert into public.volunteer_skills (profile_id, skill_id, level, created_at)
select vs.volunteer, k.id, (array['beginner', 'confident', 'expert'])[vs.level], u.created_at + interval '1 hour'
from seed_vskill vs
join seed_skill s on s.n = vs.skill
join public.skills k on k.slug = s.code
join auth.users u on u.id = vs.volunteer
order by vs.volunteer, s.n;

insert into public.availability_slots (profile_id, weekday, start_time, end_time)
select a.volunteer, a.weekday, a.starts, a.ends
from seed_avail a
order by a.volunteer, a.weekday, a.starts
on conflict do nothing;

-- The two wards with a coordinator have checked their volunteers (Youth Union card, ID).
insert into public.volunteer_verifications (profile_id, ward_id, verified_by, note, verified_at)
select p.id, pr.ward_id, ca.profile_id, 'Đã kiểm tra căn cước và thẻ đoàn viên.', u.created_at + interval '3 days'
from seed_person p
join public.profiles pr on pr.id = p.id
join public.coordinator_assignments ca on ca.ward_id = pr.ward_id
join auth.users u on u.id = p.id
where p.role = 'volunteer'
	and (p.id = '00000000-0000-4000-8000-000000000002' or right(p.phone, 1)::int % 4 <> 3);

-- ---------------------------------------------------------------------------
-- Help requests: the open ones, and one behind every one-to-one session.
-- ---------------------------------------------------------------------------
create temp table seed_session_time as
select s.*,
	((today + case when s.dow is null then s.d
		else (s.dow - extract(isodow from today)::int + 6) % 7 + 1 + 7 * (s.d - 1) end) + s.t)
		at time zone 'Asia/Ho_Chi_Minh' as starts_at
from seed_session s
cross join (select (now() at time zone 'Asia/Ho_Chi_Minh')::date as today) as local_day;

insert into seed_request
select 200 + s.n, s.learners[1], s.skill, s.place, s.venue,
	now() - least(now() - interval '1 hour', st.starts_at - interval '4 days 5 hours'),
	'{weekday_evening,weekend_morning}',
	'Nhờ tình nguyện viên hướng dẫn giúp, xin cảm ơn.'
from seed_session s
join seed_session_time st on st.n = s.n
where s.kind = 'one_to_one';

-- Stories need their own words for a few of the requests behind sessions.
update seed_request set note = 'Cháu ở Đà Lạt muốn gọi video cho bà mà tôi chưa biết bấm.' where n = 205;
update seed_request set note = 'Mẹ tôi 79 tuổi, nghe kém, cần người chỉ chậm và viết ra giấy.' where n = 232;
update seed_request set note = 'Tôi chạy xe ôm, muốn rút tiền và chuyển khoản trên điện thoại.' where n = 234;
update seed_request set note = 'Phường mới đổi tên, tôi muốn cập nhật trên VNeID và biết hỏi phường ở đâu.' where n = 231;

create unique index on seed_request (learner, skill);

insert into public.help_requests (
	learner_id, created_by, skill_id, ward_id, place_type, venue_id, near_lat, near_lng, preferred_times,
	notes, accessibility_needs, priority_groups, created_at, updated_at
)
select
	p.id, coalesce(sa.helper, p.id), k.id, a.id, r.place, v.id,
	case when r.place = 'near_point' then round((p.lat + 0.0035)::numeric, 5) end,
	case when r.place = 'near_point' then round((p.lng - 0.0025)::numeric, 5) end,
	r.slots, r.note, p.accessibility, p.priority, now() - r.age, now() - r.age
from seed_request r
join seed_person p on p.phone = r.learner
join public.areas a on a.code = p.ward
join public.skills k on k.slug = r.skill
left join seed_venue sv on sv.n = r.venue
left join public.venues v on v.name_vi = sv.name_vi
left join seed_assisted sa on sa.learner = p.id
order by r.n;

-- ---------------------------------------------------------------------------
-- Sessions go through the same states as in the app (scheduled, then completed, cancelled or
-- no-show), so whatever the database does on those transitions (request status, teaching chain,
-- badges) happens here too.
-- ---------------------------------------------------------------------------
insert into public.sessions (
	kind, request_id, skill_id, teacher_id, ward_id, place_type, venue_id, starts_at, ends_at, capacity,
	status, notes, created_by, created_at
)
select
	s.kind, hr.id, k.id, t.id, coalesce(v.ward_id, a.id), s.place, v.id, st.starts_at,
	st.starts_at + make_interval(mins => s.minutes), coalesce(s.capacity, 1), 'scheduled', coalesce(s.note, ''), t.id,
	least(now(), st.starts_at) - interval '3 days'
from seed_session s
join seed_session_time st on st.n = s.n
join seed_person t on t.phone = s.teacher
join seed_person l on l.phone = s.learners[1]
join public.areas a on a.code = l.ward
join public.skills k on k.slug = s.skill
left join seed_venue sv on sv.n = s.venue
left join public.venues v on v.name_vi = sv.name_vi
left join public.help_requests hr on s.kind = 'one_to_one' and hr.learner_id = l.id and hr.skill_id = k.id
order by s.n;

create temp table seed_session_id as
select s.n, ps.id, ps.starts_at, ps.ends_at
from seed_session_time s
join seed_person t on t.phone = s.teacher
join public.sessions ps on ps.teacher_id = t.id and ps.starts_at = s.starts_at;

insert into public.session_participants (session_id, profile_id, status, joined_at)
select si.id, p.id, 'accepted', si.starts_at - interval '2 days'
from seed_session s
join seed_session_id si on si.n = s.n
cross join unnest(s.learners) as lp (phone)
join seed_person p on p.phone = lp.phone
order by s.n, lp.phone;

-- Fixed confirmation codes, so a demo can finish a session: the code is the last six digits of
-- the learner's phone (the demo learner's upcoming VNeID lesson: 000001).
update public.session_codes sc
set code = right(p.phone, 6)
from public.profiles pr
join seed_person p on p.id = pr.id
where sc.profile_id = pr.id and sc.session_id in (select id from seed_session_id);

update public.session_participants sp
set status = case s.status when 'completed' then 'attended' when 'no_show' then 'no_show' else 'cancelled' end,
	attended_at = case when s.status = 'completed' then si.ends_at end
from seed_session s
join seed_session_id si on si.n = s.n
where sp.session_id = si.id and s.status <> 'scheduled';

update public.sessions ps
set status = s.status,
	completed_at = case when s.status = 'completed' then si.ends_at + interval '5 minutes' end,
	notes = case when s.status = 'cancelled' then coalesce(s.note, ps.notes) else ps.notes end
from seed_session s
join seed_session_id si on si.n = s.n
where ps.id = si.id and s.status <> 'scheduled';

insert into public.feedback (session_id, author_id, rating, comment, mastered_step_ids, created_at)
select si.id, p.id, f.rating, f.comment,
	coalesce((
		select array_agg(ss.id order by ss.position)
		from public.skill_steps ss
		where ss.skill_id = k.id and ss.position = any (f.can_do)
	), '{}'),
	si.ends_at + interval '2 hours'
from seed_feedback f
join seed_session s on s.n = f.session
join seed_session_id si on si.n = s.n
join seed_person p on p.phone = f.learner
join public.skills k on k.slug = s.skill
order by f.session, f.learner;

-- =============================================================================
-- Load: badges, teaching chain, groups and their awards
-- =============================================================================

insert into public.badge_definitions (
	slug, kind, threshold, skill_id, name_vi, name_en, description_vi, description_en, icon, sort_order
)
select b.slug, b.kind, b.threshold, k.id, b.name_vi, b.name_en, b.description_vi, b.description_en, b.icon, b.sort_order
from (values
	('first-session', 'sessions_taught', 1, null, 'Buổi dạy đầu tiên', 'First lesson',
		'Hoàn thành buổi hướng dẫn đầu tiên.', 'Completed your first lesson.', '🌱', 1),
	('sessions-5', 'sessions_taught', 5, null, '5 buổi dạy', '5 lessons',
		'Hoàn thành 5 buổi hướng dẫn.', 'Completed 5 lessons.', '⭐', 2),
	('sessions-10', 'sessions_taught', 10, null, '10 buổi dạy', '10 lessons',
		'Hoàn thành 10 buổi hướng dẫn.', 'Completed 10 lessons.', '🌟', 3),
	('sessions-25', 'sessions_taught', 25, null, '25 buổi dạy', '25 lessons',
		'Hoàn thành 25 buổi hướng dẫn.', 'Completed 25 lessons.', '🏅', 4),
	('sessions-50', 'sessions_taught', 50, null, '50 buổi dạy', '50 lessons',
		'Hoàn thành 50 buổi hướng dẫn.', 'Completed 50 lessons.', '🏆', 5),
	('learners-3', 'distinct_learners', 3, null, 'Lan tỏa 3 người', 'Reached 3 people',
		'Đã hướng dẫn 3 người khác nhau.', 'Taught 3 different people.', '🤝', 6),
	('learners-10', 'distinct_learners', 10, null, 'Lan tỏa 10 người', 'Reached 10 people',
		'Đã hướng dẫn 10 người khác nhau.', 'Taught 10 different people.', '💫', 7),
	('vneid-guide', 'skill_taught', 3, 'vneid', 'Người dẫn đường VNeID', 'VNeID guide',
		'Hướng dẫn VNeID cho 3 người.', 'Taught VNeID to 3 people.', '🪪', 8),
	('vietqr-guide', 'skill_taught', 3, 'epayment-vietqr', 'Người dẫn đường VietQR', 'VietQR guide',
		'Hướng dẫn thanh toán VietQR cho 3 người.', 'Taught VietQR payments to 3 people.', '💳', 9),
	('scam-shield', 'skill_taught', 5, 'scam-awareness', 'Lá chắn chống lừa đảo', 'Scam shield',
		'Hướng dẫn nhận diện lừa đảo cho 5 người.', 'Taught scam awareness to 5 people.', '🛡️', 10),
	('first-skill', 'skills_learned', 1, null, 'Kỹ năng số đầu tiên', 'First digital skill',
		'Học xong kỹ năng số đầu tiên.', 'Learned your first digital skill.', '📱', 11),
	('digital-citizen', 'skills_learned', 3, null, 'Công dân số', 'Digital citizen',
		'Học xong 3 kỹ năng số.', 'Learned 3 digital skills.', '🎓', 12),
	('streak-3', 'monthly_streak', 3, null, 'Ba tháng liền', 'Three months running',
		'Dạy ít nhất một buổi mỗi tháng, 3 tháng liên tiếp.', 'Taught at least once a month for 3 months in a row.', '🔥', 13),
	('group-5', 'group_sessions', 5, null, 'Tập thể lan tỏa', 'Spreading group',
		'Các thành viên đã dạy 5 buổi.', 'Members taught 5 lessons.', '🏘️', 14),
	('group-20', 'group_sessions', 20, null, 'Tập thể tiêu biểu', 'Outstanding group',
		'Các thành viên đã dạy 20 buổi.', 'Members taught 20 lessons.', '🎖️', 15)
) as b (slug, kind, threshold, skill_slug, name_vi, name_en, description_vi, description_en, icon, sort_order)
left join public.skills k on k.slug = b.skill_slug
order by b.sort_order;

insert into public.neighbourhood_groups (ward_id, kind, name, description, created_by, created_at)
select a.id,
	case g.kind when 'residents' then 'residential' when 'farmers_union' then 'association' else g.kind end,
	g.name_vi,
	case g.kind
		when 'residents' then 'Tổ dân phố cùng học kỹ năng số: mỗi nhà có ít nhất một người dùng được dịch vụ công trực tuyến.'
		when 'youth_union' then 'Đội hình thanh niên "Bình dân học vụ số": hướng dẫn bà con mỗi tối và cuối tuần.'
		when 'womens_union' then 'Chi hội cùng học thanh toán không dùng tiền mặt và giữ an toàn trên mạng.'
		else 'Bà con nông dân học bán hàng, nhận tiền qua mã QR và xem giá nông sản trên điện thoại.' end,
	ca.profile_id, now() - interval '100 days'
from seed_group g
join public.areas a on a.code = g.ward
left join public.coordinator_assignments ca on ca.ward_id = a.id
order by g.n;

insert into public.group_members (group_id, profile_id, role, status, joined_at)
select ng.id, m.person, case when m.is_leader then 'leader' else 'member' end, 'active', now() - interval '90 days'
from seed_member m
join seed_group g on g.n = m.grp
join public.neighbourhood_groups ng on ng.name = g.name_vi
order by g.n, m.person;

-- Completion as public.confirm_session does it, in the order the sessions happened: record who
-- taught whom, then let the database's own rules award the badges. Award times are then moved
-- back to the session that earned them.
do $$
declare
	s record;
begin
	for s in
		select ps.*
		from public.sessions ps
		where ps.id in (select id from seed_session_id) and ps.status = 'completed'
		order by ps.completed_at, ps.id
	loop
		insert into public.teaching_chain (teacher_id, learner_id, skill_id, session_id, ward_id, created_at)
		select s.teacher_id, sp.profile_id, s.skill_id, s.id, s.ward_id, s.completed_at
		from public.session_participants sp
		where sp.session_id = s.id and sp.status = 'attended'
		on conflict (session_id, learner_id) do nothing;

		perform private.award_badges(s.teacher_id, s.id);
		perform private.award_badges(sp.profile_id, s.id)
		from public.session_participants sp
		where sp.session_id = s.id and sp.status = 'attended';
	end loop;
end;
$$;

update public.badge_awards ba
set awarded_at = ps.completed_at
from public.sessions ps
where ps.id = ba.session_id and ba.awarded_at > ps.completed_at;

-- A recognition proposed by the Bàn Cờ coordinator for last month (khen thưởng).
insert into public.group_awards (group_id, badge_id, title, period, awarded_by, awarded_at)
select ng.id, null,
	'Tổ dân phố tiêu biểu phong trào "Bình dân học vụ số" tháng '
		|| to_char(date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh') - interval '1 month', 'MM/YYYY'),
	to_char(date_trunc('month', now() at time zone 'Asia/Ho_Chi_Minh') - interval '1 month', 'YYYY-MM'),
	'00000000-0000-4000-8000-000000000003',
	least(now(), date_trunc('month', now()) + interval '2 days')
from public.neighbourhood_groups ng
where ng.name = 'Tổ dân phố 12, Khu phố 3 – Phường Bàn Cờ';

-- =============================================================================
-- Load: notification preferences, in-app notifications, reports
-- =============================================================================

-- Older people do not want their phone to buzz at night.
update public.profiles pr
set quiet_hours_start = '21:00', quiet_hours_end = '06:30'
from seed_person p
where pr.id = p.id and p.birth_year <= 1966;

-- Notifications that were already pushed (push_sent_at set), so a reminder worker does not resend
-- them; upcoming reminders are left to the app, which creates them with its own dedupe keys.
insert into public.notifications (profile_id, kind, title, body, session_id, dedupe_key, send_after, push_sent_at, read_at, created_at)
select ba.profile_id, 'badge_awarded', 'Huy hiệu mới: ' || b.name_vi,
	b.description_vi, ba.session_id, 'badge:' || ba.id, ba.awarded_at, ba.awarded_at,
	case when ba.awarded_at < now() - interval '7 days' then ba.awarded_at + interval '1 hour' end,
	ba.awarded_at
from public.badge_awards ba
join public.badge_definitions b on b.id = ba.badge_id;

insert into public.notifications (profile_id, kind, title, body, session_id, dedupe_key, send_after, push_sent_at, created_at)
select who.profile_id, 'session_scheduled', 'Đã hẹn buổi học: ' || k.title_vi,
	to_char(ps.starts_at at time zone 'Asia/Ho_Chi_Minh', 'HH24:MI "ngày" DD/MM/YYYY')
		|| coalesce(' tại ' || v.name_vi, ' tại nhà người học'),
	ps.id, 'scheduled:session:' || ps.id, ps.created_at, ps.created_at, ps.created_at
from public.sessions ps
join public.skills k on k.id = ps.skill_id
left join public.venues v on v.id = ps.venue_id
cross join lateral (
	select ps.teacher_id as profile_id
	union all
	select sp.profile_id from public.session_participants sp where sp.session_id = ps.id
) who
where ps.status = 'scheduled' and ps.id in (select id from seed_session_id);

insert into public.notifications (profile_id, kind, title, body, dedupe_key, send_after, push_sent_at, read_at, created_at)
select vv.profile_id, 'verification', 'Bạn đã được xác minh là tình nguyện viên',
	'Ban điều phối phường đã xác minh tài khoản của bạn. Người học sẽ thấy dấu "Đã xác minh".',
	'verified:' || vv.profile_id, vv.verified_at, vv.verified_at, vv.verified_at + interval '1 hour', vv.verified_at
from public.volunteer_verifications vv;

insert into public.notifications (profile_id, kind, title, body, dedupe_key, send_after, push_sent_at, created_at)
values
	('00000000-0000-4000-8000-000000000003', 'system', 'Yêu cầu chờ lâu ở phường Bàn Cờ',
		'Có yêu cầu học đã chờ hơn 7 ngày chưa có tình nguyện viên nhận. Xem trong bảng điều phối.',
		'system:unmet-requests:banco', now() - interval '1 day', now() - interval '1 day', now() - interval '1 day'),
	('00000000-0000-4000-8000-000000000001', 'system', 'Chào mừng bạn đến với Bình dân học vụ số',
		'Mỗi người biết – dạy một người chưa biết. Hãy chọn kỹ năng bạn muốn học.',
		'system:welcome', now() - interval '30 days', now() - interval '30 days', now() - interval '30 days');

-- Something for coordinators to review: a no-show, and a volunteer who came late without warning
-- (the latter in Bàn Cờ, so the demo coordinator sees it).
insert into public.reports (reporter_id, reported_id, session_id, reason, details, status, created_at)
select r.id, d.id, si.id, x.reason, x.details, 'open', now() - x.age
from (values
	('84900002016', '84900001037', 22, 'no_show', 'Chờ 45 phút ở Trung tâm Phục vụ hành chính công, gọi điện không ai nghe.', interval '6 days'),
	('84900001032', '84900002031', null, 'other', 'Hẹn hướng dẫn ở nhà văn hóa nhưng đến trễ 40 phút, không báo trước.', interval '3 days')
) as x (reporter, reported, session, reason, details, age)
join seed_person r on r.phone = x.reporter
join seed_person d on d.phone = x.reported
left join seed_session_id si on si.n = x.session;

-- =============================================================================
-- The staging tables are temporary; drop them so a long-lived session (PGlite) stays clean.
-- =============================================================================
drop table if exists seed_session_id, seed_session_time, seed_member, seed_group, seed_request, seed_feedback, seed_session, seed_avail, seed_vskill,
	seed_material, seed_step, seed_skill, seed_venue, seed_assisted, seed_names,
	seed_person, seed_ward cascade;

reset client_min_messages;

-- ward-board: the seed's verifications say "checked the ID card and Youth Union card": record how.
update public.volunteer_verifications set method = 'youth_union' where note ilike '%đoàn viên%';
-- ward-ops: what people of Bàn Cờ told the ward about public digital services (the demo
-- coordinator sees the counts by service and step; only Lan agreed to be contacted), and one
-- step-by-step guide the Bàn Cờ board keeps for its volunteers.
insert into public.service_feedback (reporter_id, ward_id, service, service_name, step, what_happened, may_contact, created_at)
select x.reporter::uuid, a.id, x.service, x.service_name, x.step, x.what_happened, x.may_contact, now() - x.age
from (values
	('00000000-0000-4000-8000-000000000001', 'vneid', '', 'log_in', 'Đổi điện thoại mới, đăng nhập VNeID không nhận được mã OTP, phải ra công an phường.', true, interval '9 days'),
	('00000000-0000-4000-8000-000000000001', 'public_service_portal', '', 'upload', 'Tải ảnh giấy khai sinh lên Cổng Dịch vụ công báo lỗi dung lượng, không biết nén ảnh.', false, interval '6 days'),
	('00000000-0000-4000-8000-000000000002', 'vneid', '', 'identity_check', 'Bác lớn tuổi quét khuôn mặt nhiều lần vẫn không qua, ánh sáng trong nhà yếu.', false, interval '4 days'),
	('00000000-0000-4000-8000-000000000002', 'bank_app', 'Agribank', 'identity_check', 'Ứng dụng ngân hàng yêu cầu quét chip căn cước, điện thoại cũ không có NFC.', false, interval '2 days'),
	('00000000-0000-4000-8000-000000000002', 'vneid', '', 'log_in', 'Nhập sai mật khẩu 5 lần, tài khoản bị khóa 24 giờ.', false, interval '1 day')
) as x (reporter, service, service_name, step, what_happened, may_contact, age)
join public.areas a on a.code = 'HCM-BANCO';

insert into public.learning_materials (skill_id, kind, title, url, language, added_by, ward_id)
select s.id, 'lesson', 'Hướng dẫn từng bước: đăng nhập VNeID trên điện thoại mới',
	'https://vneid.gov.vn/huong-dan', 'vi', '00000000-0000-4000-8000-000000000003', a.id
from public.skills s
join public.areas a on a.code = 'HCM-BANCO'
where s.slug = 'vneid';
-- safety:
-- Lessons of these skills set up identity, payment and public-service accounts on the learner's
-- own phone: both sides confirm the phone consent card before such a lesson is confirmed as done.
update public.skills set touches_learner_phone = true
where slug in ('vneid', 'epayment-vietqr', 'national-public-service-portal', 'cong-dan-so-hcm');
-- ripple-groups: who chose to show what. Tâm and Oanh (the demo volunteer's ripple) let their given
-- names appear in the ripples of those who taught them; the Bàn Cờ residents' group and youth
-- chapter, and the demo volunteer, take part in the ward's ranking. Everyone else keeps the defaults
-- (nothing shown, not ranked).
update public.profiles set ripple_name_shown = true where phone in ('+84900001062', '+84900001011');
update public.profiles set ranked = true where id = '00000000-0000-4000-8000-000000000002';
update public.neighbourhood_groups set ranked = true
where name in ('Tổ dân phố 12, Khu phố 3 – Phường Bàn Cờ', 'Chi đoàn Khu phố 3 – Phường Bàn Cờ');
-- credentials: the demo's badge notices were written above as already pushed ('badge:<id>'); the
-- awards announced themselves too ('badge-award:<id>', waiting for the push worker), which would
-- push old badges to every demo person on the first run. Keep only the seed's.
delete from public.notifications n
where n.dedupe_key like 'badge-award:%'
	and exists (
		select 1 from public.notifications o
		where o.profile_id = n.profile_id and o.dedupe_key = 'badge:' || substr(n.dedupe_key, 13)
	);

-- recognition: whoever creates a group leads it (20261203020000), so each seed group's creator (its
-- ward's coordinator) led it from the start; they have since handed it to the group's own leaders
-- and stepped out, as a coordinator would.
delete from public.group_members gm
using public.neighbourhood_groups g
where g.id = gm.group_id
	and gm.profile_id = g.created_by
	and exists (
		select 1 from public.group_members o
		where o.group_id = gm.group_id and o.role = 'leader' and o.status = 'active' and o.profile_id <> gm.profile_id
	);
