#!/usr/bin/env node
// Assembles src/**/*.wat into dist/src/**/*.wasm with wabt (a JavaScript build of the
// WebAssembly Binary Toolkit): no native toolchain needed on the machine.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

const root = fileURLToPath(new URL('..', import.meta.url));
const wabt = await wabtInit();
const sources = readdirSync(join(root, 'src'), { recursive: true }).filter((f) => String(f).endsWith('.wat'));
for (const f of sources) {
  const src = join(root, 'src', String(f));
  const out = join(root, 'dist', 'src', String(f).replace(/\.wat$/, '.wasm'));
  const mod = wabt.parseWat(relative(root, src), readFileSync(src, 'utf8'), { simd: true });
  mod.validate();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, mod.toBinary({}).buffer);
  mod.destroy();
}
