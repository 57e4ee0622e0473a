import "server-only";

type Waiting<J, R> = { job: J; size: number; resolve: (result: R) => void; reject: (error: unknown) => void };

type GroupCommitOptions<J, R> = {
  /** Stores a group of jobs in one go and returns one result per job, in order. */
  commit: (jobs: J[]) => Promise<R[]>;
  /** How many groups may be committing at once. */
  concurrency: number;
  /** The most a group may hold, by `sizeOf` (a job larger than this still goes, alone). */
  maxGroupSize: number;
  sizeOf?: (job: J) => number;
};

/**
 * Group commit: jobs that arrive while earlier groups are being committed wait, and the next free
 * slot commits all that waited together, so under load one transaction serves many jobs while a lone
 * job is committed at once. Each caller gets its own result. When a group fails, its jobs are retried
 * one by one, so one job's fault fails only that job.
 */
export function createGroupCommitter<J, R>({ commit, concurrency, maxGroupSize, sizeOf = () => 1 }: GroupCommitOptions<J, R>): (job: J) => Promise<R> {
  const waiting: Waiting<J, R>[] = [];
  let running = 0;
  let scheduled = false;

  const takeGroup = () => {
    const group: Waiting<J, R>[] = [];
    let size = 0;
    for (let next = waiting[0]; next && (group.length === 0 || size + next.size <= maxGroupSize); next = waiting[0]) {
      group.push(next);
      size += next.size;
      waiting.shift();
    }
    return group;
  };

  const commitAlone = async (entry: Waiting<J, R>) => {
    try {
      const [result] = await commit([entry.job]);
      entry.resolve(result as R);
    } catch (error) {
      entry.reject(error);
    }
  };

  const commitGroup = async (group: Waiting<J, R>[]) => {
    try {
      const results = await commit(group.map((g) => g.job));
      if (results.length !== group.length) throw new Error(`A group commit returned ${results.length} results for ${group.length} jobs`);
      group.forEach((g, i) => g.resolve(results[i] as R));
    } catch (error) {
      if (group.length === 1 && group[0]) return group[0].reject(error);
      for (const entry of group) await commitAlone(entry);
    }
  };

  const pump = () => {
    scheduled = false;
    while (running < concurrency && waiting.length > 0) {
      running++;
      void commitGroup(takeGroup()).finally(() => {
        running--;
        pump();
      });
    }
  };

  return (job) =>
    new Promise<R>((resolve, reject) => {
      waiting.push({ job, size: sizeOf(job), resolve, reject });
      // Wait for the rest of this turn of the event loop, so requests that arrived together go together.
      if (!scheduled && running < concurrency) {
        scheduled = true;
        setImmediate(pump);
      }
    });
}
