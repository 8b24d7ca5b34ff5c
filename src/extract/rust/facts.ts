// Per-blob Rust facts: the audit plus the file's code lines (for unsafe per kLOC). Pure apart from
// the thread's parser.
import { createRequire } from 'node:module';
import { compileSyntax, countLines, type Syntax } from '../line-counter.js';
import { loadLanguageData } from '../languages.js';
import { lineExtractorVersion } from '../file-facts.js';
import { auditRust, RUST_AUDIT_VERSION, type RustAudit } from './audit.js';
import { maskNewSyntax, parseRust, rustParser } from './parser.js';

export interface RustFacts extends RustAudit {
  code: number;
  /** The bytes were not valid UTF-8 (read with replacement characters). */
  invalidUtf8?: boolean;
}

const grammar = (createRequire(import.meta.url)('tree-sitter-rust/package.json') as { version: string }).version;

/** The version stored Rust facts are keyed by: the audit's rules, the grammar, the line counter. */
export function rustExtractorVersion(): string {
  return `rust/${RUST_AUDIT_VERSION}/tree-sitter-rust-${grammar}/${lineExtractorVersion()}`;
}

let syntax: Syntax | undefined;
const decoder = new TextDecoder('utf-8', { fatal: true });

export async function extractRustFacts(bytes: Uint8Array): Promise<RustFacts> {
  syntax ??= compileSyntax(loadLanguageData().languages['Rust']!);
  let text: string;
  let invalidUtf8 = false;
  try {
    text = decoder.decode(bytes);
  } catch {
    text = Buffer.from(bytes).toString('utf8');
    invalidUtf8 = true;
  }
  const masked = maskNewSyntax(text);
  const tree = parseRust(await rustParser(), masked.text);
  try {
    const audit = auditRust(masked.text, tree, masked.unsafeExterns);
    return {
      ...audit,
      code: countLines(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), syntax).code,
      ...(invalidUtf8 ? { invalidUtf8 } : {}),
    };
  } finally {
    tree.delete();
  }
}
