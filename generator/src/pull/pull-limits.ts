/**
 * Bounds on what a pull accepts from an instance, so a broken or hostile one cannot fill the disk, hang the
 * command or keep it paging forever. OIC's own figures set the defaults: at most ~700 active integrations per
 * instance (7 pages of 100), specs of a few hundred KB.
 */
export interface PullLimits {
  /** Largest answer read, in bytes (`--max-file-size`, the generator's own cap on a spec file). */
  maxBytes: number;
  /** One request, from sending to the last byte of its answer (`--request-timeout`). */
  requestTimeoutMs: number;
  /** The whole pull: listing and every download (`--timeout`). */
  deadlineMs: number;
  /** List pages requested at most (`--max-pages`). */
  maxPages: number;
}

export const DEFAULT_PULL_LIMITS: PullLimits = {
  maxBytes: 5_000_000,
  requestTimeoutMs: 60_000,
  deadlineMs: 600_000,
  maxPages: 100,
};
