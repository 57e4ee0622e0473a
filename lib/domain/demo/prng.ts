/**
 * Deterministic randomness for demo data. sfc32 keeps 128 bits of state and its step is invertible, so
 * streams seeded from distinct (seed, index, salt) triples never merge: a million clients can draw their
 * UUIDs from it without collisions, which a 32-bit generator such as mulberry32 cannot promise.
 */

// murmur3's finaliser: a bijection on 32-bit integers, so distinct seeds stay distinct while neighbouring
// indexes (0, 1, 2, ...) start from unrelated-looking states.
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// Table lookups: Number#toString(16) is slow enough to dominate generating ten million order ids.
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const byteHex = (byte: number) => BYTE_HEX[byte] ?? "00";
const hex32 = (x: number) => byteHex(x >>> 24) + byteHex((x >>> 16) & 255) + byteHex((x >>> 8) & 255) + byteHex(x & 255);
const WARM_UP_ROUNDS = 15;

/** A class rather than a closure bundle: a million clients create two streams each, so creation must be cheap. */
export class Rng {
  // Typed-array state stays unboxed: plain number fields holding 32-bit values would allocate on every step.
  private readonly state = new Int32Array(4);

  constructor(seed: number, index: number, salt: number) {
    this.state[0] = mix32(seed);
    this.state[1] = mix32(index);
    this.state[2] = mix32(salt ^ 0x9e3779b9);
    this.state[3] = 1;
    for (let i = 0; i < WARM_UP_ROUNDS; i++) this.uint32();
  }

  /** Uniform integer in [0, 2^32). */
  uint32(): number {
    const s = this.state;
    const a = s[0] ?? 0;
    const b = s[1] ?? 0;
    const c = s[2] ?? 0;
    const d = s[3] ?? 0;
    const t = (a + b + d) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    s[3] = d + 1;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Uniform float in [min, max). */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick() needs a non-empty list");
    return item;
  }

  /** A random UUID shaped like RFC 4122 version 4. */
  uuid(): string {
    const w1 = this.uint32();
    const w2 = ((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0; // version 4
    const w3 = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0; // RFC 4122 variant
    const w4 = this.uint32();
    const h2 = hex32(w2);
    const h3 = hex32(w3);
    return `${hex32(w1)}-${h2.slice(0, 4)}-${h2.slice(4)}-${h3.slice(0, 4)}-${h3.slice(4)}${hex32(w4)}`;
  }
}

export function createRng(seed: number, index: number, salt: number): Rng {
  return new Rng(seed, index, salt);
}

/** Builds a picker that returns each value with probability proportional to its weight. */
export function weightedPicker<T>(entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let running = 0;
  const steps = entries.map(([value, weight]) => ({ value, upTo: (running += weight / total) }));
  const last = steps.at(-1);
  if (!last) throw new Error("weightedPicker() needs at least one entry");
  return (rng) => {
    const r = rng.next();
    for (const step of steps) if (r < step.upTo) return step.value;
    return last.value; // only reachable through floating-point rounding of the final threshold
  };
}
