import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Kit's cross-site form check answers with a bare English line; the guard hook makes the same
		// check (src/lib/server/hooks/access.ts) and answers with the app's error page instead.
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
