// The packed fact record: how the store keeps a file's facts, and how the counting threads write
// them, so that a batch's records reach the store as bytes, copied, never taken apart into an
// object per file on the main thread. All numbers little-endian; records are 8-byte aligned.

/** Bytes per fact: blob id (20), hint (u16), language (u16), status (u8), 3 spare, code, comment, blank (u32), bytes (f64). */
export const FACT_RECORD = 48;
/** A tree snapshot's entry: a fact, then the file's mtime (ms), inode and ctime (ms), as f64, as Node's stat gives them. */
export const STAT_BYTES = 24;
export const SNAPSHOT_RECORD = FACT_RECORD + STAT_BYTES;

/** Byte offsets of the fields in a record. */
export const AT = {
  blob: 0,
  hint: 20,
  language: 22,
  status: 24,
  code: 28,
  comment: 32,
  blank: 36,
  bytes: 40,
  mtime: 48,
  ino: 56,
  ctime: 64,
} as const;

/** The name id of "none" (no language, no hint). */
export const NO_NAME = 0xffff;
