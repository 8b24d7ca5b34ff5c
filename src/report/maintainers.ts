// Renderers for the MAINTAINERS engine's answers: pure functions of the result.
import type { GetMaintainerAnswer } from '../kernel/get-maintainer.js';
import type { MaintainersFile } from '../kernel/maintainers-file.js';

export function renderGetMaintainer(answer: GetMaintainerAnswer, file: MaintainersFile, format: 'text' | 'json'): string {
  if (format === 'text') return answer.recipients.map((r) => `${r.email} (${r.role})\n`).join('');
  const name = (i: number) => file.sections[i]!.name;
  return (
    JSON.stringify(
      {
        files: answer.files.map((f) => ({ path: f.path, sections: f.sections.map((s) => ({ name: name(s.section), depth: s.depth })) })),
        keywords: answer.keywords.map((k) => ({ section: name(k.section), keyword: k.keyword })),
        recipients: answer.recipients,
      },
      null,
      2,
    ) + '\n'
  );
}
