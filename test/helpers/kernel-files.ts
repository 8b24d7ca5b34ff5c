// Files a fixture kernel tree needs, written the way the kernel writes them.

/** The RUST section, with one maintainer and one reviewer. */
export const RUST_SECTION = `RUST
M:\tMiguel Ojeda <ojeda@kernel.org>
R:\tGary Guo <gary@garyguo.net>
S:\tSupported
F:\trust/
`;

/** The catch-all section that ends every MAINTAINERS. */
export const THE_REST = `THE REST
M:\tLinus Torvalds <torvalds@linux-foundation.org>
S:\tBuried alive in reporters
F:\t*
F:\t*/
`;

/** scripts/min-tool-version.sh stating these minimum rustc and bindgen versions. */
export function minToolVersion(rustc: string, bindgen: string): string {
  return `#!/bin/sh\ncase "$1" in\nrustc)\n\techo ${rustc}\n\t;;\nbindgen)\n\techo ${bindgen}\n\t;;\nesac\n`;
}
