// Toolchain readiness: the minimum rustc and bindgen a tree asks for (scripts/min-tool-version.sh)
// and the architectures whose Kconfig selects HAVE_RUST, with the condition when there is one.

/** A minimum version, and the shell condition it holds under (null: otherwise, or always). */
import { compareText } from '../core/types.js';

export interface MinVersion {
  version: string;
  when: string | null;
}

export interface Toolchain {
  rustc: MinVersion[];
  bindgen: MinVersion[];
  architectures: { arch: string; condition: string | null }[];
}

/** What min-tool-version.sh echoes for a tool: its `tool)` case, per `if`/`elif` branch when it has them. */
function minVersions(script: string, tool: string): MinVersion[] {
  const body = new RegExp(`^\\s*${tool}\\)([\\s\\S]*?);;`, 'm').exec(script)?.[1] ?? '';
  const out: MinVersion[] = [];
  let when: string | null = null;
  for (const line of body.split('\n')) {
    const branch = /^\s*(?:if|elif)\s+\[\s*(.*?)\s*\]/.exec(line);
    if (branch) when = branch[1]!;
    else if (/^\s*else\b/.test(line)) when = null;
    const echo = /^\s*echo\s+([\w.]+)/.exec(line);
    if (echo) out.push({ version: echo[1]!, when });
  }
  return out;
}

/** Toolchain facts from the tree's files (by path): the script and arch/NAME/Kconfig. */
export function toolchainOf(files: Map<string, string>): Toolchain {
  const script = files.get('scripts/min-tool-version.sh') ?? '';
  const architectures: Toolchain['architectures'] = [];
  for (const [path, text] of files) {
    const arch = /^arch\/([^/]+)\/Kconfig$/.exec(path)?.[1];
    if (!arch) continue;
    const m = /^\s*select\s+HAVE_RUST\b[ \t]*(?:if[ \t]+([^\n#]+))?/m.exec(text);
    if (m) architectures.push({ arch, condition: m[1]?.trim() || null });
  }
  architectures.sort((a, b) => compareText(a.arch, b.arch));
  return { rustc: minVersions(script, 'rustc'), bindgen: minVersions(script, 'bindgen'), architectures };
}
