/** Lets the event loop poll I/O (HTTP, timers) before the next task. */
const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs tasks one at a time in arrival order; a failing task does not stop the ones after it.
 * Between tasks it yields a macrotask: PGlite works synchronously on the event loop, and a chain
 * of promise callbacks alone would keep the loop from answering anyone (auth health included)
 * until the whole queue drained.
 */
export class FifoQueue {
	private tail: Promise<unknown> = Promise.resolve();

	run<T>(task: () => Promise<T>): Promise<T> {
		const result = this.tail.then(macrotask).then(task);
		this.tail = result.catch(() => undefined);
		return result;
	}

	/** Resolves when everything queued so far has finished. */
	idle(): Promise<void> {
		return this.tail.then(() => undefined);
	}
}
