#!/usr/bin/env python
"""The toy-world benchmark of local concept transfer (issue 19; the chapter `18_bench` explains every number):
CLiC, its three ablations, Textual Inversion, Custom Diffusion and a Break-A-Scene-style learner, each a preset of
`learn` on the toy model, and two references (the pattern's own words; no concept), all transferred the same way.

    python bench/toy_suite.py --out toy_suite_out                      # 24 pairs x 9 methods x 4 seeds
    python bench/toy_suite.py --out s --pairs 2 --methods clic,textual-inversion --seeds 2
    python bench/toy_suite.py --out toy_suite_out --report-only        # tables and grid from the finished jobs

Writes summary.md and summary.csv (means per method), rows.csv (every pair and method) and grid.png in --out.
Finished jobs stay in --out (rows/, runs/): a stopped run resumes, a bigger one adds only the missing jobs.
Time: see the chapter (2 CPU cores: about a minute per learned job, some 3 hours for the whole suite)."""
import os, sys
os.environ.setdefault('HF_HUB_OFFLINE', '1')
from clic_nb.bench import suite_cli

if __name__ == '__main__':
    suite_cli()
    sys.exit(0)
