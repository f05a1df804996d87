/**
 * What rules note beside their result (a finding's detail, an assumption about an outside reference), for the pack
 * to read after a run. A rule called outside a collection notes nothing. Collections nest: the outer one is restored
 * afterwards, also when the run throws.
 */
export class SideChannel<T> {
  private collecting: T[] | undefined;

  /** Notes `item`, unless no collection runs or `isDuplicate` finds it noted already. */
  public note(item: T | (() => T), isDuplicate?: (noted: T) => boolean): void {
    if (this.collecting === undefined) return;
    const value = typeof item === 'function' ? (item as () => T)() : item;
    if (isDuplicate === undefined || !this.collecting.some(isDuplicate)) this.collecting.push(value);
  }

  /** Runs `run` with a fresh collection and returns its result with what was noted during it. */
  public collect<R>(run: () => R): { result: R; noted: T[] } {
    const previous = this.collecting;
    const noted: T[] = [];
    this.collecting = noted;
    try {
      return { result: run(), noted };
    } finally {
      this.collecting = previous;
    }
  }
}
