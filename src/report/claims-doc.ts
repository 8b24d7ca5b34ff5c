// docs/CLAIMS.md, rendered from the catalogue: every claim with its source and how it is checked.
// Pure: the catalogue in, Markdown out; a test keeps the committed file current.
import { type Claim, INPUTS, MEASURE_DESCRIPTIONS } from '../analyze/claims/catalogue.js';
import { INPUT_HINTS, VERDICTS } from '../analyze/claims/verdicts.js';

const VERDICT_MEANINGS: Record<(typeof VERDICTS)[number], string> = {
  reproduced: "ferrometer's figure is within the claim's tolerance, on the claim's own terms.",
  'reproduced with nuance':
    'the figure matches, but on another release, another base, or with a caveat the claim leaves out (said in "why").',
  contradicted: 'the primary sources give another figure, beyond the tolerance.',
  'not comparable': 'the claim\'s base or metric differs from what can be measured; "why" says how, and what would make it comparable.',
  'not checkable': 'an input is missing (the flag that gives it is named), or the claim speaks of a date still to come.',
};

function expectText(c: Claim): string {
  return '`' + JSON.stringify(c.expect) + '`';
}

export function renderClaimsDoc(catalogue: Claim[]): string {
  const out = [
    '# Claims',
    '',
    '<!-- Generated from data/claims.json by `npm run docs:claims`; edit the catalogue, not this file. -->',
    '',
    '`ferrometer claims TREE [--also TREE…] [--vulns DIR]` recomputes every number below from primary',
    "sources — kernel trees (or the release tags of a clone), MAINTAINERS, and the kernel CNA's records —",
    "and gives each a verdict, ferrometer's figure, why, the command that prints the same figure, and what",
    'was read. `--fail-on contradicted` exits 1 when a claim is contradicted; `--catalogue FILE` checks',
    'another catalogue of the same shape.',
    '',
    '## Verdicts',
    '',
    ...VERDICTS.map((v) => `- **${v}**: ${VERDICT_MEANINGS[v]}`),
    '',
    '## Inputs',
    '',
    ...INPUTS.map((i) => `- \`${i}\`: when missing, ${INPUT_HINTS[i]}.`),
    '',
    '## Adding a claim',
    '',
    'Add an entry to `data/claims.json`: `id`, the `claim` as quoted, its `source` (`by`, `where`, `url` or',
    'null, `date`), the `measure` that checks it, the figures it states (`expect`), the `tolerance`',
    '(relative; 0.1 is ±10 %) and the `inputs` it needs. A new kind of figure needs a measure',
    '(`src/analyze/claims/`). The catalogue is validated on load; a bad entry is one line naming its field.',
    '',
    '## JSON (`--format json`)',
    '',
    'After the provenance: `releases` (oldest first: `name`, `release`, `date` for a tag, `commit`,',
    '`maintainers` found), `vulns` (`path`, `commit`, `date`), `today`, `counts` (claims per verdict) and',
    '`claims`, one per catalogue entry in its order: `id`, `claim`, `source`, `measure`, `tolerance`,',
    '`verdict`, `figure`, `explanation`, `method`, `read` (what was read, with commits) and `data` (the',
    'numbers behind the figure, by measure; `missing` names the inputs of a claim that is not checkable).',
    '',
    '## The claims',
    '',
  ];
  for (const c of catalogue) {
    out.push(
      `### ${c.id}`,
      '',
      `> ${c.claim}`,
      '',
      `- **Said by**: ${c.source.by}, ${c.source.where}, ${c.source.date}${c.source.url ? ` (<${c.source.url}>)` : ''}`,
      `- **Measure**: \`${c.measure}\` — ${MEASURE_DESCRIPTIONS[c.measure]}`,
      `- **States**: ${expectText(c)}; tolerance ±${Math.round(c.tolerance * 100)} %`,
      `- **Needs**: ${c.inputs.map((i) => `\`${i}\``).join(', ')}`,
      '',
    );
  }
  return out.join('\n');
}
