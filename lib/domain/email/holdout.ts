import { createHash } from "node:crypto";

/**
 * Deterministic holdout: the same client entering the same tier in the same period always lands in the same group,
 * whichever process decides it, and about `share` of clients land in the control group.
 */
export function holdoutBucket(seed: string, clientId: string, tier: string): number {
  const digest = createHash("sha256").update(`${seed}:${tier}:${clientId}`).digest();
  // 48 bits are plenty to spread 0..1 evenly.
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

export function isHeldOut({ seed, clientId, tier, share }: { seed: string; clientId: string; tier: string; share: number }): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  return holdoutBucket(seed, clientId, tier) < share;
}
