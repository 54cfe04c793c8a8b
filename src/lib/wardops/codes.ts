// The codes of the ward board's data, as the database's check constraints list them; pages turn
// them into words with `wardops.<list>.<code>`. Plain TypeScript: no SvelteKit aliases.
export const VENUE_KINDS = [
	'culture_house',
	'library',
	'school',
	'community_center',
	'ward_office',
	'other'
] as const;
export const DEVICES = ['wifi', 'tablet', 'computer', 'projector', 'printer'] as const;
export const MATERIAL_KINDS = ['video', 'infographic', 'lesson'] as const;
export const MATERIAL_LANGUAGES = ['vi', 'en'] as const;
export const SERVICES = [
	'vneid',
	'public_service_portal',
	'bank_app',
	'e_wallet',
	'social_insurance',
	'tax',
	'other'
] as const;
export const SERVICE_STEPS = [
	'install',
	'register',
	'log_in',
	'identity_check',
	'fill_in',
	'upload',
	'pay',
	'result',
	'other'
] as const;
export const SESSION_STATUSES = [
	'proposed',
	'scheduled',
	'completed',
	'cancelled',
	'no_show'
] as const;
export const MARKS = ['accepted', 'attended', 'no_show'] as const;

export type VenueKind = (typeof VENUE_KINDS)[number];
export type Device = (typeof DEVICES)[number];
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export type MaterialLanguage = (typeof MATERIAL_LANGUAGES)[number];
export type Service = (typeof SERVICES)[number];
export type ServiceStep = (typeof SERVICE_STEPS)[number];
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export type Mark = (typeof MARKS)[number];
