#!/usr/bin/env bash
# The library, the README and the notebooks say the same thing: nbdev_export, nbdev_clean and make_readme change
# nothing that is committed. Run from the repository root with nbdev on PATH.
set -euo pipefail
nbdev_export
nbdev_clean
python tools/make_readme.py
if ! git diff --exit-code --stat -- clic_nb nbs README.md; then
  echo "out of sync: run nbdev_export, nbdev_clean and python tools/make_readme.py, then commit the result" >&2
  exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- clic_nb nbs)
if [ -n "$untracked" ]; then echo "untracked generated files: $untracked" >&2; exit 1; fi
echo "sync: library, notebooks and README are in sync"
