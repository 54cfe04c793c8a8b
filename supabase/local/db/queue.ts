/**
 * Runs tasks one at a time in arrival order; a failing task does not stop the ones after it.
 * PGlite has one connection: without this, an autocommit query could slip between another
 * caller's BEGIN and COMMIT. (It no longer needs to yield to the event loop between tasks:
 * PGlite works in its worker thread, and every statement is a message the loop waits for.)
 */
export class FifoQueue {
	private tail: Promise<unknown> = Promise.resolve();

	run<T>(task: () => Promise<T>): Promise<T> {
		const result = this.tail.then(task);
		this.tail = result.catch(() => undefined);
		return result;
	}

	/** Resolves when everything queued so far has finished. */
	idle(): Promise<void> {
		return this.tail.then(() => undefined);
	}
}
