/**
 * The `capacity` best-scoring sources a ranking-list build has met for one key, with their counts
 * (rankingIndexBuild.ts). Better means a higher score, or the same score and a smaller id: sources
 * are read in id order, so that is the order a stable sort by score keeps, and the lists come out
 * as sorting everything met would make them.
 *
 * A min-heap in typed arrays, at most `capacity` entries, grown by doubling: the build of a
 * 10,000-page archive holds ~1,600 keys' lists, and keeping them as plain arrays pruned by sorting
 * at twice their length made ~130 MB of garbage that V8 kept as heap until the command ended
 * (docs/search.md, *The whole command on real files*).
 */
export class TopScores {
  private ids = new Float64Array(0);
  private scores = new Float64Array(0);
  private titles = new Uint32Array(0);
  private bodies = new Uint32Array(0);
  private lengths = new Uint32Array(0);
  size = 0;

  constructor(readonly capacity: number) {}

  /** True when it is full and `score` (of a source read after every one held) cannot enter. */
  refuses(score: number): boolean {
    return this.size > 0 && this.size >= this.capacity && score <= this.scores[0]!;
  }

  /** Offers a source read after every one offered before (a larger id). */
  offer(id: number, score: number, title: number, body: number, length: number): void {
    if (this.capacity === 0 || this.refuses(score)) return;
    if (this.size < this.capacity) {
      if (this.size === this.ids.length) this.grow();
      this.put(this.size, id, score, title, body, length);
      this.siftUp(this.size++);
    } else {
      this.put(0, id, score, title, body, length);
      this.siftDown(0);
    }
  }

  /** The sources held, best first, as [id, title count, body count, length], with their scores. */
  sorted(): { rows: number[][]; scores: number[] } {
    const order = Array.from({ length: this.size }, (_, i) => i).sort((a, b) => (this.worse(a, b) ? 1 : -1));
    return {
      rows: order.map((i) => [this.ids[i]!, this.titles[i]!, this.bodies[i]!, this.lengths[i]!]),
      scores: order.map((i) => this.scores[i]!),
    };
  }

  private grow(): void {
    const size = Math.min(this.capacity, Math.max(16, this.ids.length * 2));
    const grown = <T extends Float64Array | Uint32Array>(from: T, make: (n: number) => T): T => {
      const to = make(size);
      to.set(from);
      return to;
    };
    this.ids = grown(this.ids, (n) => new Float64Array(n));
    this.scores = grown(this.scores, (n) => new Float64Array(n));
    this.titles = grown(this.titles, (n) => new Uint32Array(n));
    this.bodies = grown(this.bodies, (n) => new Uint32Array(n));
    this.lengths = grown(this.lengths, (n) => new Uint32Array(n));
  }

  private put(at: number, id: number, score: number, title: number, body: number, length: number): void {
    this.ids[at] = id;
    this.scores[at] = score;
    this.titles[at] = title;
    this.bodies[at] = body;
    this.lengths[at] = length;
  }

  /** Whether entry a ranks below entry b. */
  private worse(a: number, b: number): boolean {
    const sa = this.scores[a]!;
    const sb = this.scores[b]!;
    return sa < sb || (sa === sb && this.ids[a]! > this.ids[b]!);
  }

  private swap(a: number, b: number): void {
    for (const column of [this.ids, this.scores, this.titles, this.bodies, this.lengths]) {
      const kept = column[a]!;
      column[a] = column[b]!;
      column[b] = kept;
    }
  }

  private siftUp(at: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.worse(at, parent)) return;
      this.swap(at, parent);
      at = parent;
    }
  }

  private siftDown(at: number): void {
    for (;;) {
      const left = 2 * at + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const child = right < this.size && this.worse(right, left) ? right : left;
      if (!this.worse(child, at)) return;
      this.swap(at, child);
      at = child;
    }
  }
}
