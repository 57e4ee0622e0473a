// A file sent in parts: hosts that cap request bodies (Vercel at 4.5 MB) still take any file, a part a request.

/** Each part but the last; under Vercel's 4.5 MB request cap with room for headers. */
export const UPLOAD_PART_BYTES = 4 * 1024 * 1024;

/** Files up to this size go up in one request (the page without JavaScript, or a small file). */
export const SINGLE_UPLOAD_MAX_BYTES = UPLOAD_PART_BYTES;

export function partCount(totalBytes: number, partBytes: number): number {
  return Math.ceil(totalBytes / partBytes);
}

/** The exact size part `index` must have, or null when the file has no such part. */
export function expectedPartBytes(index: number, totalBytes: number, partBytes: number): number | null {
  if (!Number.isInteger(index) || index < 0 || index >= partCount(totalBytes, partBytes)) return null;
  return Math.min(partBytes, totalBytes - index * partBytes);
}

/** The part indexes not yet stored, for a message that says which to send again. */
export function missingParts(stored: readonly number[], totalBytes: number, partBytes: number): number[] {
  const have = new Set(stored);
  return Array.from({ length: partCount(totalBytes, partBytes) }, (_, i) => i).filter((i) => !have.has(i));
}
