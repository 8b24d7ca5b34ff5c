// Where a test's own fixture lives: test/fixtures/<area>/<case>/ in the source tree.
import { fileURLToPath } from 'node:url';

export function fixtureDir(area: string, testCase: string): string {
  return fileURLToPath(new URL(`../../../test/fixtures/${area}/${testCase}/`, import.meta.url));
}

/** Expected counts a fixture states on one of its first lines: `ferrometer: code=N comment=N blank=N`. */
export function statedCounts(text: string): { code: number; comment: number; blank: number } | undefined {
  const m = /ferrometer: code=(\d+) comment=(\d+) blank=(\d+)/.exec(text.split('\n').slice(0, 3).join('\n'));
  return m ? { code: Number(m[1]), comment: Number(m[2]), blank: Number(m[3]) } : undefined;
}
