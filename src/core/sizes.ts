// Byte sizes as people write them: 64M, not 67108864 (K, M, G are powers of 1024, as --max-file-size reads them).

/** 67108864 → "64M", 1536 → "1.5K", 999 → "999 bytes". */
export function sizeText(bytes: number): string {
  for (const [unit, size] of [
    ['G', 1 << 30],
    ['M', 1 << 20],
    ['K', 1 << 10],
  ] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))}${unit}`;
  }
  return `${bytes} bytes`;
}

/** Files larger than this are only stat'ed, not read (--max-file-size's default). */
export const DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024;
