/**
 * Runs writes in the order they were asked for, whatever order their inputs become ready in:
 * files parse at once (a small text before a long PDF), yet each is stored after the ones called
 * before it, so "duplicate of the first" and near-duplicate clusters come out as if the files were
 * imported one after another (as main/importers/importBuffer.ts's queue does locally). A failed
 * input or write fails its own call only.
 */
export function inCallOrder(): <I, T>(input: I | Promise<I>, write: (input: I) => Promise<T>) => Promise<T> {
  let previous: Promise<unknown> = Promise.resolve();
  return (input, write) => {
    const turn = Promise.all([input, previous.catch(() => {})]).then(([ready]) => write(ready));
    previous = turn;
    return turn;
  };
}
