// The regular files of a tree on disk, as a plain walk finds them (no ignore rules; .git left out,
// as ferrometer leaves it out): what the benchmarks' floors read or stat.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function regularFiles(tree) {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== '.git') walk(join(dir, e.name));
      else if (e.isFile()) files.push(join(dir, e.name));
    }
  };
  walk(tree);
  return files;
}
