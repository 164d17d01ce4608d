// Group commit: concurrent calls of one use case share a transaction. While one group is being written, the
// calls that arrive wait, and go together as the next group; a call that finds nothing being written goes at
// once, so a quiet service adds no delay and needs no timer. Under load, a group of N calls costs one
// transaction's statements and one commit instead of N of each, on a database that shares its cores with the
// API. The writer answers each call of the group on its own, so a call it refuses (an unknown code, a
// conflict) fails alone. Should a whole group fail, each of its calls is written again alone, so that one bad
// call cannot sink the others and each failure reaches the call that caused it. So the writer may throw only
// while nothing of the group is committed; after its commit it answers every call, with an error if need be.

export type CallResult<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface GroupCommit<I, O> {
  submit(item: I): Promise<O>;
  /** Resolves when nothing is queued or being written (for shutdown and tests). */
  idle(): Promise<void>;
}

export function createGroupCommit<I, O>(write: (items: I[]) => Promise<CallResult<O>[]>, options: { maxGroup?: number } = {}): GroupCommit<I, O> {
  const maxGroup = options.maxGroup ?? 64;
  interface Call { item: I; resolve(value: O): void; reject(error: unknown): void }
  let queue: Call[] = [];
  let draining: Promise<void> | null = null;

  async function writeGroup(group: Call[]): Promise<void> {
    let results: CallResult<O>[];
    try {
      results = await write(group.map((c) => c.item));
      if (results.length !== group.length) throw new Error(`group writer answered ${results.length} of ${group.length} calls`);
    } catch (error) {
      if (group.length === 1) group[0].reject(error);
      else for (const call of group) await writeGroup([call]);
      return;
    }
    group.forEach((call, i) => {
      const r = results[i];
      if (r.ok) call.resolve(r.value); else call.reject(r.error);
    });
  }

  async function drain(): Promise<void> {
    while (queue.length) {
      const group = queue.slice(0, maxGroup);
      queue = queue.slice(group.length);
      await writeGroup(group);
    }
    draining = null;
  }

  return {
    submit(item: I): Promise<O> {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        draining ??= drain();
      });
    },
    async idle() {
      while (draining) await draining;
    },
  };
}
