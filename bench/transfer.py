#!/usr/bin/env python
"""Cost of concept transfer on the tiny pipeline, CPU, with a concept learned for a few steps on the samples.

1. Guided transfer vs unguided blended editing (strength 0: the same blended DDIM loop without the guidance pass),
   same 50 steps, t_start 15, one seed, at --size (default 512), for both guidance gradients: 'released' (the default:
   no gradient through attention outputs; target (issue 16): ratio <= 1.4) and 'full' (target (issue 5): <= 1.8). The
   authors' design runs every step from 0 and guidance on the whole CFG pair at every step below 30: about 2.8 by the
   same count.
2. One whole transfer, 5 seeds x 2 t_start values, batched over seeds vs one seed at a time, at --sheet-size
   (default 128, to keep the run short on 2 cores).

Times: median of --reps (default 2) runs of part 1, the two variants interleaved in one process; part 2 runs once."""
import os, statistics, tempfile, time
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
from measure import parser, parse

def timed(f):
    t0 = time.perf_counter(); f(); return time.perf_counter() - t0

def main():
    p = parser(__doc__); p.add_argument('--sheet-size', type=int, default=128); p.set_defaults(reps=2)
    a = parse(p, sheet_size=64)
    from clic_nb.data import sample
    from clic_nb.learn import learn
    from clic_nb.transfer import transfer
    from clic_nb.models import load_pipeline
    from clic_nb.concept import Concept
    run = Path(tempfile.mkdtemp())/'concept'
    learn(sample('source'), sample('source_mask'), 'vase', run, steps=5, size=128, lr=1e-3, progress=False)
    pipe = Concept.load(run).apply(load_pipeline('tiny'))
    tgt, tmask = sample('target'), sample('target_mask')
    go = lambda size, **kw: transfer(run, tgt, tmask, 'vase', pipe=pipe, size=size, **kw)
    go(a.size, seeds=[0], steps=5, t_start=1, blend_until=4, guide_until=3)     # warm up
    times = {'plain': [], 'released': [], 'full': []}
    for _ in range(a.reps):                                                       # interleaved: drift hits all three
        times['plain'].append(timed(lambda: go(a.size, seeds=[0], strength=0)))
        for g in ('released', 'full'): times[g].append(timed(lambda: go(a.size, seeds=[0], guidance_grad=g)))
    plain, rel, full = (statistics.median(times[k]) for k in ('plain', 'released', 'full'))
    print(f'tiny pipeline, {a.size}x{a.size}, 50 DDIM steps, t_start 15, 1 seed, CPU, median of {a.reps}')
    print(f'  blended editing, no guidance           {plain:7.1f}s')
    print(f'  guidance, released gradient (default)  {rel:7.1f}s')
    print(f'  guidance, full gradient                {full:7.1f}s')
    print(f'guided/unguided: time ratio {rel / plain:.3f} released (target <= 1.4), {full / plain:.3f} full (target <= 1.8)')
    seeds, ts = range(5), [15, 20]
    batched = timed(lambda: go(a.sheet_size, seeds=seeds, t_starts=ts))
    single = timed(lambda: go(a.sheet_size, seeds=seeds, t_starts=ts, batch=1))
    print(f'whole transfer, 5 seeds x t_start 15, 20, {a.sheet_size}x{a.sheet_size}: batched {batched:.1f}s, '
          f'one seed at a time {single:.1f}s, ratio {batched / single:.3f}')

if __name__ == '__main__': main()
