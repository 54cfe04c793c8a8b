/** Where the error summary's links land for fields whose element id differs from their name. */
export const PROFILE_FIELD_TARGETS: Record<string, string> = {
	roles: 'roles-error',
	lat: 'lat-error',
	languages: 'languages-error',
	ward_id: 'ward_id'
};
