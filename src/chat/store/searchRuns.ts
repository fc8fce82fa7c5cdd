/** How many queries keep their run: a few lists searching at once, and a query typed back. */
const KEPT_RUNS = 8;

/**
 * The runs of the last few queries, by query as typed, so a list asking for its next page goes
 * on where its first page stopped instead of searching anew. A run lost (pushed out by other
 * queries) is started again; only its pages are read again.
 */
export class SearchRuns<Run> {
  private readonly runs = new Map<string, Run>();

  get(query: string): Run | undefined {
    return this.runs.get(query);
  }

  set(query: string, run: Run): void {
    this.runs.delete(query); // Map keeps insertion order: the newest goes last
    this.runs.set(query, run);
    for (const oldest of this.runs.keys()) {
      if (this.runs.size <= KEPT_RUNS) break;
      this.runs.delete(oldest);
    }
  }

  clear(): void {
    this.runs.clear();
  }
}
