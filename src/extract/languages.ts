// Language definitions are data (data/languages.json); this module loads them, validates their
// shape once, and answers "which language is this file?" from its name and, failing that, its shebang.
import { readFileSync } from 'node:fs';
import { packageFile } from '../core/shipped-files.js';

export interface StringSyntax {
  open: string;
  close: string;
  escape?: string;
  /** A newline inside the literal does not end it (Rust strings, Python triple quotes). */
  multiline?: boolean;
}

export interface LanguageDefinition {
  extensions?: string[];
  fileNames?: string[];
  fileNamePrefixes?: string[];
  shebangs?: string[];
  lineComments?: string[];
  blockComments?: [string, string][];
  nestedComments?: boolean;
  /** Markers that open a comment only as the first thing on a line (assembler comment characters). */
  lineStartComments?: string[];
  /** After a `#` line-start marker, these words make the line a C preprocessor directive: code. */
  preprocessorDirectives?: string[];
  strings?: StringSyntax[];
  /** Rust's raw strings (r#"…"#, br"…", cr"…") and char literals told apart from lifetimes. */
  rustLiterals?: boolean;
  /** A backslash before the newline continues a line comment onto the next line (C preprocessor). */
  lineContinuation?: boolean;
}

export interface VendoredComponent {
  name: string;
  /** Tree-relative directory prefix, ending in '/'. */
  path: string;
}

export interface LanguageData {
  languages: Record<string, LanguageDefinition>;
  vendored: VendoredComponent[];
}

const DATA_URL = packageFile('data/languages.json');

let cached: LanguageData | undefined;

export function loadLanguageData(): LanguageData {
  if (!cached) {
    const parsed = JSON.parse(readFileSync(DATA_URL, 'utf8')) as LanguageData;
    for (const [name, def] of Object.entries(parsed.languages)) checkDefinition(name, def);
    cached = parsed;
  }
  return cached;
}

function checkDefinition(name: string, def: LanguageDefinition): void {
  const tokens = [
    ...(def.lineComments ?? []),
    ...(def.lineStartComments ?? []),
    ...(def.blockComments ?? []).flat(),
    ...(def.strings ?? []).flatMap((s) => [s.open, s.close]),
  ];
  if (tokens.some((t) => typeof t !== 'string' || t.length === 0)) {
    throw new Error(`data/languages.json: language ${name} has an empty or non-string token`);
  }
  for (const s of def.strings ?? []) {
    if (s.escape !== undefined && s.escape.length !== 1) {
      throw new Error(`data/languages.json: language ${name}: an escape must be one character`);
    }
  }
}

/** Maps file names to language names, built once from the definitions. */
export class LanguageDetector {
  private readonly byFileName = new Map<string, string>();
  private readonly byPrefix: [string, string][] = [];
  private readonly byExtension = new Map<string, string>();
  private readonly byInterpreter = new Map<string, string>();

  constructor(data: LanguageData) {
    for (const [name, def] of Object.entries(data.languages)) {
      for (const f of def.fileNames ?? []) this.byFileName.set(f, name);
      for (const p of def.fileNamePrefixes ?? []) this.byPrefix.push([p, name]);
      for (const e of def.extensions ?? []) this.byExtension.set(e, name);
      for (const s of def.shebangs ?? []) this.byInterpreter.set(s, name);
    }
  }

  /** Language from the base name alone, or undefined. The longest known extension wins: a.lds.S is a linker script. */
  byName(baseName: string): string | undefined {
    const exact = this.byFileName.get(baseName);
    if (exact) return exact;
    for (const [prefix, name] of this.byPrefix) if (baseName.startsWith(prefix)) return name;
    for (let dot = baseName.indexOf('.', 1); dot !== -1; dot = baseName.indexOf('.', dot + 1)) {
      const lang = this.byExtension.get(baseName.slice(dot + 1));
      if (lang) return lang;
    }
    return undefined;
  }

  /** Language from the base name of a tree-relative path, or undefined. */
  byPath(path: string): string | undefined {
    return this.byName(path.slice(path.lastIndexOf('/') + 1));
  }

  /** Language from a `#!` first line (`#!/bin/sh`, `#!/usr/bin/env python3`), or undefined. */
  byShebang(head: Uint8Array): string | undefined {
    if (head[0] !== 0x23 || head[1] !== 0x21) return undefined;
    let end = head.indexOf(10);
    if (end === -1) end = Math.min(head.length, 256);
    const words = Buffer.from(head.subarray(2, end)).toString('latin1').trim().split(/\s+/);
    let program = baseOf(words[0] ?? '');
    if (program === 'env') {
      program = baseOf(words.slice(1).find((w) => !w.startsWith('-') && !w.includes('=')) ?? '');
    }
    return this.byInterpreter.get(program) ?? this.byInterpreter.get(program.replace(/[\d.]+$/, ''));
  }
}

function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
