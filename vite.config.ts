import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Three test projects: `unit` needs nothing running; `local-supabase` and `integration` boot the
// local Supabase server (PGlite by default, PostgreSQL 15 with TEST_DB=postgres).
export default defineConfig({
	plugins: [sveltekit()],
	// The timings report is about the machine being busy, not about our code; a start stays short.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	test: {
		projects: [
			{
				extends: true,
				test: { name: 'unit', environment: 'node', include: ['src/**/*.test.ts'] }
			},
			{
				test: {
					name: 'local-supabase',
					environment: 'node',
					include: ['supabase/local/**/*.test.ts'],
					testTimeout: 30_000,
					hookTimeout: 120_000
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					testTimeout: 30_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
