/** A promise-chain mutex: tasks run one after another in call order, within one process. */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    // The chain must survive a failed task, or every later task would fail too.
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
