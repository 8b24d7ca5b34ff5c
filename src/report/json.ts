// Every JSON document starts with its provenance: which ferrometer made it, with which extractor
// versions, from which tree or repository and commit; so a number can be traced and reproduced.

export interface Provenance {
  tool: 'ferrometer';
  version: string;
  /** The versions of the per-file (or per-commit) extractors whose facts the document is made of. */
  extractors: Record<string, string>;
  /** What was read: a tree path, or a repository with its revision(s) and commit(s). */
  source: Record<string, string | string[]>;
}

export function jsonDocument(document: object, provenance?: Provenance): string {
  return JSON.stringify(provenance ? { provenance, ...document } : document, null, 2) + '\n';
}
