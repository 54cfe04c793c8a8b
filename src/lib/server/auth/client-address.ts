// The person's own address, for Supabase Auth's per-address rate limits.
//
// Every Auth call of this app is made by the SvelteKit server, so without this Auth would see one
// address (the server's) for everybody, and one person typing wrong codes would lock everyone out.
// The server therefore forwards the address it served the request to in X-Forwarded-For. Auth
// keys its limits on that header only when told to (GoTrue's GOTRUE_RATE_LIMIT_HEADER); the local
// server does so by default, believing the header only from a loopback peer (the app beside it).
//
// Production: behind a proxy, set adapter-node's ADDRESS_HEADER (and XFF_DEPTH) so that
// getClientAddress() is the person's address and not the proxy's. Whether Supabase's hosted Auth
// honours this header depends on the project's rate-limit header setting: check it; a header any
// caller can set only lets a caller choose its own bucket, which is why the limits per phone number
// (supabase/local/auth/README.md) matter more than the limits per address.
import type { RequestEvent } from '@sveltejs/kit';

export const CLIENT_ADDRESS_HEADER = 'X-Forwarded-For';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:]+(:\d{1,3}(\.\d{1,3}){3})?$/i;

/** A bare IP address, or '' when `raw` is not one (never anything that could split a header). */
export function cleanAddress(raw: string): string {
	const address = raw.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
	if (IPV4.test(address)) return address;
	if (address.includes(':') && IPV6.test(address)) return address.toLowerCase();
	return '';
}

/** Headers for the per-request Supabase client: `{ 'X-Forwarded-For': <client> }`, or none. */
export function clientAddressHeaders(
	event: Pick<RequestEvent, 'getClientAddress'>
): Record<string, string> {
	let raw = '';
	try {
		raw = event.getClientAddress();
	} catch {
		// Prerendering and some adapters have no client address: send nothing rather than guess.
		return {};
	}
	const address = cleanAddress(raw);
	return address ? { [CLIENT_ADDRESS_HEADER]: address } : {};
}
