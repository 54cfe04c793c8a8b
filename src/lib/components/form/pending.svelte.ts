import type { SubmitFunction } from '@sveltejs/kit';

/** Tracks a form submitted with `use:enhance`, to disable its button while the server works. */
export class Pending {
	active = $state(false);

	submit: SubmitFunction = () => {
		this.active = true;
		return async ({ update }) => {
			await update();
			this.active = false;
		};
	};
}
