/** Runs tasks one at a time in arrival order; a failing task does not stop the ones after it. */
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
