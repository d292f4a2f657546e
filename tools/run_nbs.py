#!/usr/bin/env python
"""Execute notebooks in place so their outputs (printed values, figures) are stored for the docs site and README.

Cells flagged with settings.ini's `tst_flags` (gpu, slow, notest) are not run unless named with `--flags`, and keep
the outputs they had. Run `nbdev_clean` and `python tools/make_readme.py` afterwards."""
import argparse, os, sys
from pathlib import Path

os.environ.setdefault('HF_HUB_OFFLINE', '1')
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from fastcore.foundation import working_directory
from nbdev.config import get_config
from nbdev.process import NBProcessor
from nbdev.frontmatter import FrontmatterProc

def run_nb(path: Path, skip: set):
    "Run the cells of `path` that are not flagged with `skip`, stopping at the first error; write outputs back."
    nb = read_nb(path)
    dirs = [NBProcessor(path, procs=FrontmatterProc, process=True).nb.cells[i].get('directives_') or {} for i in range(len(nb.cells))]
    def preproc(cell):
        i = nb.cells.index(cell)
        no_eval = dirs[i].get('eval:', ['true'])[0].lower() == 'false'      # e.g. the `if __name__ == '__main__'` cell
        return cell.cell_type == 'code' and ('nbdev_export(' in cell.source or no_eval or bool(set(dirs[i]) & skip))
    for c in nb.cells:                    # a rerun cell that now prints nothing must not keep its old outputs
        if c.cell_type == 'code' and not preproc(c): c.outputs = []
    with working_directory(path.parent):
        CaptureShell(path).run_all(nb, exc_stop=True, preproc=preproc)
    write_nb(nb, path)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('paths', nargs='*')
    p.add_argument('--flags', nargs='*', default=[])
    a = p.parse_args()
    cfg = get_config()
    skip = set(cfg.tst_flags.split()) - set(a.flags)
    for f in a.paths or sorted(cfg.nbs_path.glob('*.ipynb')):
        print('running', f, flush=True); run_nb(Path(f), skip)
