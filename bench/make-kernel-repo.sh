#!/usr/bin/env bash
# make-kernel-repo.sh [--parts "PATHSPEC…"] DEST [VERSION...]: a git repository whose commits are
# the unpacked kernel trees that ../shared/tools/kernel-source gives (default 6.1 6.12 7.2 7.3), one
# commit per version, tagged v<VERSION>, committed at fixed dates in version order. --parts keeps
# only those paths of each tree (a small repository for CI's real-data checks). For history
# benchmarks and real-data checks; it is never part of the project.
set -euo pipefail
parts=()
if [[ ${1:-} == --parts ]]; then
  read -r -a parts <<<"${2:?--parts takes a list of paths}"
  shift 2
fi
dest=${1:?usage: make-kernel-repo.sh [--parts "PATHSPEC…"] DEST [VERSION...]}
shift
versions=("${@:-6.1 6.12 7.2 7.3}")
[[ $# -eq 0 ]] && versions=(6.1 6.12 7.2 7.3)
here=$(cd "$(dirname "$0")" && pwd)
kernel_source=${KERNEL_SOURCE:-$here/../../shared/tools/kernel-source}
if [[ -f $dest/ferrometer-done ]]; then echo "$dest"; exit 0; fi
rm -rf "$dest"
git init -q --bare "$dest"
# No automatic gc while trees are added: it would race the next add. Objects stay loose.
git --git-dir="$dest" config gc.auto 0
export GIT_AUTHOR_NAME=ferrometer GIT_AUTHOR_EMAIL=bench@example.org GIT_COMMITTER_NAME=ferrometer GIT_COMMITTER_EMAIL=bench@example.org
day=1
for v in "${versions[@]}"; do
  tree=$("$kernel_source" "$v")
  export GIT_AUTHOR_DATE="2020-01-0${day}T00:00:00Z" GIT_COMMITTER_DATE="2020-01-0${day}T00:00:00Z"
  # The tree is the work tree; the index in the repository follows it, deletions included. -f:
  # the unpacked tree holds only source, but its .gitignore files would hide some of it.
  # With --parts, only those paths (deletions under them included): a part neither this tree nor
  # the previous commit has would make git add fail, so it is left out.
  paths=(.)
  if ((${#parts[@]})); then
    paths=()
    for p in "${parts[@]}"; do
      if compgen -G "$tree/$p" >/dev/null || [[ -n $(git --git-dir="$dest" --work-tree="$tree" ls-files -- "$p" | head -1) ]]; then paths+=("$p"); fi
    done
  fi
  git --git-dir="$dest" --work-tree="$tree" add -A -f -- "${paths[@]}" >&2
  git --git-dir="$dest" --work-tree="$tree" commit -q -m "linux $v" >&2
  git --git-dir="$dest" tag "v$v"
  day=$((day + 1))
done
touch "$dest/ferrometer-done"
echo "$dest"
