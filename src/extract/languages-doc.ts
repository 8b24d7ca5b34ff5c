// docs/LANGUAGES.md is generated from data/languages.json, so the two cannot drift:
// `npm run docs:languages` rewrites it and a test checks it is current.
import type { LanguageData } from './languages.js';

const code = (s: string) => '`' + s.replace(/`/g, '\\`').replace(/\|/g, '\\|') + '`';
const list = (xs: string[] | undefined) => (xs?.length ? xs.map(code).join(' ') : '');

export function renderLanguagesDoc(data: LanguageData): string {
  const rows = Object.entries(data.languages).map(([name, d]) => {
    const matches = [
      list(d.extensions?.map((e) => `.${e}`)),
      list(d.fileNames),
      list(d.fileNamePrefixes?.map((p) => `${p}*`)),
      d.shebangs?.length ? `#! ${d.shebangs.join(', ')}` : '',
    ].filter(Boolean);
    const comments = [
      list(d.lineComments),
      d.lineStartComments?.length ? `${list(d.lineStartComments)} at line start` : '',
      (d.blockComments ?? []).map(([o, c]) => `${code(o)}…${code(c)}${d.nestedComments ? ' (nesting)' : ''}`).join(' '),
    ].filter(Boolean);
    const strings = [
      ...(d.strings ?? []).map((s) => `${code(s.open)}…${code(s.close)}${s.multiline ? ' multi-line' : ''}`),
      d.rustLiterals ? 'raw strings `r#"…"#`, char literals vs lifetimes' : '',
    ].filter(Boolean);
    const notes = [
      d.lineContinuation ? 'backslash-newline continues a line comment' : '',
      d.preprocessorDirectives?.length ? '`#include`, `#define`… are code' : '',
    ].filter(Boolean);
    return `| ${name} | ${matches.join('; ')} | ${comments.join('; ') || '—'} | ${strings.join('; ') || '—'} | ${notes.join('; ')} |`;
  });
  const vendored = data.vendored.map((v) => `| ${v.name} | ${code(v.path)} |`);
  return [
    '# Languages',
    '',
    '<!-- Generated from data/languages.json by `npm run docs:languages`; do not edit by hand. -->',
    '',
    "A file's language comes from, in order: its exact name, a name prefix, its longest known",
    'extension (case-sensitive: `.S` and `.s` are assembly), then the interpreter of a `#!` first line.',
    'A line is code if it holds anything but comment and white space, comment if it holds only',
    'comment, blank otherwise. Languages without comment syntax count every non-blank line as code.',
    '',
    '| language | matched by | comments | strings | notes |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Vendored components',
    '',
    'Counted in the language totals and reported again under `vendored` (path prefixes, tree-relative):',
    '',
    '| component | path |',
    '| --- | --- |',
    ...vendored,
    '',
  ].join('\n');
}
