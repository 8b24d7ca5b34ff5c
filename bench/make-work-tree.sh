#!/usr/bin/env bash
# make-work-tree.sh TREE DEST: a git work tree of an unpacked kernel tree, as a kernel clone is, for
# `bench/scan-kernel.js --work-tree DEST`. Debian's packaged source adds "/*" (and "!/debian/") to
# the top .gitignore; a clone has no such lines, and with them git never walks the tree for
# untracked files, so a work tree that kept them would time listings no user's tree has. They are
# dropped, everything is committed, and git's packing is waited for (it halves a 2-core machine).
# For benchmarks only; it is never part of the project.
set -euo pipefail
tree=${1:?usage: make-work-tree.sh TREE DEST}
dest=${2:?usage: make-work-tree.sh TREE DEST}
[[ -e $dest ]] && { echo "make-work-tree.sh: $dest exists" >&2; exit 2; }
mkdir -p "$(dirname "$dest")"
cp -a "$tree" "$dest"
cd "$dest"
# Everything from Debian's comment on: the two lines it adds at the end.
sed -i '/^# Debian packaging/,$d' .gitignore
git init -q
git add -A -f
git -c gc.auto=0 -c user.name=bench -c user.email=bench@example.org commit -qm "$(basename "$tree")"
git gc -q
git status --short | head -5
echo "$dest"
