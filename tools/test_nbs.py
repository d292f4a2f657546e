#!/usr/bin/env python
"""Run every notebook in nbs/ as a test (nbdev's own `test_nb`), one at a time, and end with `N passed, N failed`.

Flags come from settings.ini (`tst_flags`): cells marked with them are skipped unless passed here, e.g.
`tools/test_nbs.py --flags gpu` also runs the GPU cells. `--path nbs/03_attention.ipynb` tests one notebook."""
import argparse, os, sys, time
from pathlib import Path

os.environ.setdefault('HF_HUB_OFFLINE', '1')
from nbdev.config import get_config
from nbdev.test import test_nb

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--path', nargs='*', help='notebooks to test (default: every numbered notebook and index)')
    p.add_argument('--flags', nargs='*', default=[], help='tst_flags to run instead of skipping (gpu, slow, notest)')
    a = p.parse_args()
    cfg = get_config()
    nbs = [Path(f) for f in a.path] if a.path else sorted(p for p in cfg.nbs_path.glob('*.ipynb') if not p.name.startswith('_'))
    skip = [f for f in cfg.tst_flags.split() if f not in a.flags]
    passed, failed, t0 = [], [], time.time()
    for nb in nbs:
        print(f'testing {nb.name} ...', flush=True)
        ok, secs = test_nb(nb, skip_flags=skip, force_flags=a.flags, basepath=cfg.config_path, do_print=False)
        (passed if ok else failed).append(nb.name)
        print(f"{'ok    ' if ok else 'FAILED'} {nb.name} ({secs:.1f}s)", flush=True)
    print(f'notebooks: {len(nbs)} in {time.time()-t0:.0f}s; failed: {", ".join(failed) or "none"}')
    print(f'{len(passed)} passed, {len(failed)} failed')
    sys.exit(1 if failed or not nbs else 0)

if __name__ == '__main__': main()
