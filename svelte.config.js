import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Kit's cross-site form check answers with a bare English line; the guard hook makes the same
		// check (src/lib/server/hooks/access.ts) and answers with the app's error page instead.
		csrf: { trustedOrigins: ['*'] },
		// Scripts only from this app, inline ones with a per-response nonce; the rest of the policy
		// (images, styles, frames) is set by the headers hook, where the map's tile server is known.
		csp: {
			mode: 'auto',
			directives: { 'script-src': ['self'], 'object-src': ['none'], 'base-uri': ['self'] }
		}
	}
};

export default config;
