// Errors a user can cause carry a code and a hint; the CLI prints them on one line, without a
// stack trace, and exits with their exit code.

export type ErrorCode =
  | 'ENOTFOUND_PATH'
  | 'ENOTDIR_TREE'
  | 'EBAD_OPTION'
  | 'EGIT_MISSING'
  | 'ENOT_GIT_REPO'
  | 'EUNKNOWN_REVISION'
  | 'ENO_MATCHING_TAGS'
  | 'EGIT_READ'
  | 'ESTORE_NEWER'
  | 'ESTORE_BAD'
  | 'ENO_MAINTAINERS'
  | 'EBAD_FILE'
  | 'ENOT_VULNS'
  | 'EBAD_PATCH'
  | 'EOUTPUT'
  | 'EFINDINGS';

export class FerrometerError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, hint?: string, exitCode = 2) {
    super(message);
    this.name = 'FerrometerError';
    this.code = code;
    this.hint = hint;
    this.exitCode = exitCode;
  }
}

export function isFerrometerError(e: unknown): e is FerrometerError {
  return e instanceof FerrometerError;
}
