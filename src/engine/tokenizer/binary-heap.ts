/** A binary heap on a plain array: `before(a, b)` is true when a must come out first. */
export function heapPush<T>(heap: T[], item: T, before: (a: T, b: T) => boolean): void {
  let i = heap.push(item) - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(item, heap[parent] as T)) break;
    heap[i] = heap[parent] as T;
    i = parent;
  }
  heap[i] = item;
}

export function heapPop<T>(heap: T[], before: (a: T, b: T) => boolean): T {
  const top = heap[0] as T;
  const last = heap.pop() as T;
  if (heap.length === 0) return top;
  let i = 0;
  const n = heap.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const child = r < n && before(heap[r] as T, heap[l] as T) ? r : l;
    if (!before(heap[child] as T, last)) break;
    heap[i] = heap[child] as T;
    i = child;
  }
  heap[i] = last;
  return top;
}
