#!/usr/bin/env python
"""The full-size figures of clic-nb in one run, written as JSON: SD 1.4's architecture with seeded random weights
(`random:CompVis/stable-diffusion-v1-4`: no download, so it runs on a machine that reaches nothing outside).

On a GPU (default: 512 px, fp16, the released settings), in under 8 minutes on one H200-class card:
- learn:    500 CLiC steps: seconds per step (median of the log), total, peak GPU memory
- transfer: 5 seeds x t_start 15 and 20: all seeds in one batch vs one seed at a time
- roi:      RoI matching of a target mask (<w*> steps, then the map over 50 timesteps)
- generate: two-stage generation of 4 images
- capture:  one UNet forward+backward with the <v*> map captured on the up-block layers vs without

Targets (benchmarks, not tests): 500 learning steps in <= 60 s, peak memory <= 12 GB in fp16.
On a lent GPU machine, from the repository root:   python tools/gpu_check.py --out gpu_figures.json
`--sdxl`: the same on `random:stabilityai/stable-diffusion-xl-base-1.0` at 1024 px (128x128 latents) in fp16 with a
LoRA concept (both text encoders' rows and a rank-16 LoRA on attn2); target: peak <= 24 GB, so a consumer GPU can
learn a concept.   python tools/gpu_check.py --sdxl --out gpu_figures_sdxl.json   (with --smoke: tiny-xl)
`--smoke`: the same sequence on the tiny model at 64 px with a handful of steps, on the CPU (the tests run it).
`--device cpu --size 256 --learn-steps 3 ...`: the full-size shapes on the CPU (the full-size chapter's slow test)."""
import argparse, json, os, statistics, sys, tempfile, time
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import torch

PARTS = ('transfer', 'roi', 'generate', 'capture')
SMOKE = dict(model='tiny', size=64, learn_steps=2, roi_steps=2, steps=6, seeds=2, t_starts=[3, 4], n_gen=1, precision='no',
             device='cpu', reps=1)

def parse(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--model', default='random:CompVis/stable-diffusion-v1-4')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    p.add_argument('--size', type=int, default=512)
    p.add_argument('--learn-steps', type=int, default=500)
    p.add_argument('--roi-steps', type=int, default=100, help='optimizer steps of <w*> (SPEC: 500; the time scales linearly)')
    p.add_argument('--steps', type=int, default=50, help='DDIM steps of transfer, RoI map and generation')
    p.add_argument('--seeds', type=int, default=5)
    p.add_argument('--t-starts', type=int, nargs='+', default=[15, 20])
    p.add_argument('--n-gen', type=int, default=4)
    p.add_argument('--train', default='qkvo', choices=['qkvo', 'kv', 'lora'], help='what learning trains in attn2')
    p.add_argument('--sdxl', action='store_true', help='SDXL at 1024 px with a LoRA concept (with --smoke: tiny-xl)')
    p.add_argument('--precision', default='fp16', choices=['fp16', 'bf16', 'no'], help="learning's mixed precision; inference runs in it too")
    p.add_argument('--reps', type=int, default=5, help='repetitions of the capture measurement')
    p.add_argument('--parts', default=','.join(PARTS), help=f"what to measure, comma-separated (learning always runs): {','.join(PARTS)}")
    p.add_argument('--smoke', action='store_true', help='tiny model, 64 px, a few steps, CPU')
    p.add_argument('--out', default='gpu_figures.json')
    p.add_argument('--overwrite', action='store_true', help='replace an existing --out file')
    a = p.parse_args(argv)
    if a.smoke: vars(a).update(SMOKE)
    if a.sdxl: vars(a).update(model='tiny-xl' if a.smoke else 'random:stabilityai/stable-diffusion-xl-base-1.0', train='lora', **({} if a.smoke else dict(size=1024)))
    a.parts = [x for x in a.parts.split(',') if x]
    unknown = sorted(set(a.parts) - set(PARTS))
    if unknown: p.error(f"--parts: {unknown[0]!r} is not one of {','.join(PARTS)}")
    if Path(a.out).exists() and not a.overwrite: p.error(f"{a.out} exists: pass another --out, or --overwrite to replace it")
    return a

def sync(device):
    if str(device).startswith('cuda'): torch.cuda.synchronize()

def peak_gb(device) -> float:
    "Peak memory since the last reset: the GPU allocator's, or the process's resident set on the CPU (never reset)."
    if str(device).startswith('cuda'): return torch.cuda.max_memory_allocated() / 2**30
    # VmHWM, not ru_maxrss: a process forked from a large one (a notebook kernel) inherits the parent's ru_maxrss
    with open('/proc/self/status') as f: return next(int(l.split()[1]) for l in f if l.startswith('VmHWM')) / 2**20

def reset_peak(device):
    if str(device).startswith('cuda'): torch.cuda.reset_peak_memory_stats()

def timed(device, fn):
    "fn's result and its wall-clock seconds, the device synchronised around it."
    sync(device); t0 = time.perf_counter()
    r = fn()
    sync(device)
    return r, time.perf_counter() - t0

def capture_ratio(pipe, device, size, reps) -> dict:
    "Median seconds of a UNet forward+backward with the <v*> map captured on the up-block attn2 layers, and without."
    from clic_nb.seam import family
    from clic_nb.attention import AttentionStore, capture
    sd, L = family(pipe), family(pipe).latent_size(size)
    g = torch.Generator().manual_seed(0)
    x = torch.randn(1, 4, L, L, generator=g).to(device, pipe.unet.dtype).requires_grad_(True)
    feats = sd.encode_text(sd.ids('a vase with <v*> style', device)).detach()
    t = torch.tensor([500], device=device)
    def plain(): sd.predict(x, t, feats).float().square().mean().backward()
    def captured():
        with capture(pipe.unet, AttentionStore([5], layers=sd.map_layers(), latent_hw=(L, L))) as st:
            (sd.predict(x, t, feats).float().square().mean() + st.aggregate((L, L)).mean()).backward()
    times = {'plain': [], 'capture': []}
    for f in (plain, captured): timed(device, f)              # warm-up
    for _ in range(reps):
        for k, f in (('plain', plain), ('capture', captured)): times[k].append(timed(device, f)[1])
    med = {k: statistics.median(v) for k, v in times.items()}
    return dict(plain_s=med['plain'], capture_s=med['capture'], ratio=med['capture'] / med['plain'])

def run(a) -> dict:
    from clic_nb.data import sample
    from clic_nb.models import load_pipeline
    from clic_nb.concept import with_concept, as_concept
    from clic_nb.learn import learn
    from clic_nb.training import read_log
    from clic_nb.transfer import transfer
    from clic_nb.roi import target_mask
    from clic_nb.generate import generate
    d, dev = Path(tempfile.mkdtemp()), a.device
    half = dict(fp16=torch.float16, bf16=torch.bfloat16).get(a.precision)
    fig = dict(model=a.model, device=dev, device_name=torch.cuda.get_device_name() if dev.startswith('cuda') else 'cpu',
               size=a.size, precision=a.precision, train=a.train, torch=torch.__version__, threads=torch.get_num_threads())
    reset_peak(dev)
    _, secs = timed(dev, lambda: learn(sample('source'), sample('source_mask'), 'vase', d/'c', model=a.model, steps=a.learn_steps,
                                       size=a.size, mixed_precision=a.precision, train=a.train, progress=False))
    elapsed = [r['seconds'] for r in read_log(d/'c'/'losses.csv')]          # the log's seconds run from the first step's start
    per_step = [b - a_ for a_, b in zip([0.0] + elapsed, elapsed)]
    fig['learn'] = dict(steps=a.learn_steps, seconds=secs, s_per_step=statistics.median(per_step[1:] or per_step),
                        first_step_s=per_step[0], steps_seconds=elapsed[-1], peak_gb=peak_gb(dev))
    if not a.parts: return fig
    pipe = with_concept(load_pipeline(a.model, dtype=half, device=dev), as_concept(d/'c'))
    target, tmask, seeds = sample('target'), sample('target_mask'), list(range(a.seeds))
    if 'transfer' in a.parts:
        tr = dict(seeds=a.seeds, t_starts=a.t_starts, steps=a.steps)
        for name, batch in (('batched', None), ('one_at_a_time', 1)):
            reset_peak(dev)
            _, tr[f'{name}_s'] = timed(dev, lambda: transfer(d/'c', target, tmask, 'vase', seeds=seeds, t_starts=a.t_starts, pipe=pipe,
                                                             steps=a.steps, size=a.size, batch=batch))
            tr[f'{name}_peak_gb'] = peak_gb(dev)
        tr['speedup'] = tr['one_at_a_time_s'] / tr['batched_s']
        fig['transfer'] = tr
    if 'roi' in a.parts:
        reset_peak(dev)
        _, s = timed(dev, lambda: target_mask(d/'c', target, 'vase', pipe=pipe, steps=a.roi_steps, ddim_steps=a.steps, size=a.size, progress=False))
        fig['roi'] = dict(steps=a.roi_steps, ddim_steps=a.steps, seconds=s, peak_gb=peak_gb(dev))
    if 'generate' in a.parts:
        reset_peak(dev)
        _, s = timed(dev, lambda: generate(d/'c', 'vase', seeds=list(range(a.n_gen)), steps=a.steps, size=a.size, pipe=pipe))
        fig['generate'] = dict(n=a.n_gen, steps=a.steps, seconds=s, peak_gb=peak_gb(dev))
    if 'capture' in a.parts: fig['capture'] = capture_ratio(pipe, dev, a.size, a.reps)
    return fig

def main(argv=None):
    a = parse(argv)
    t0 = time.time()
    fig = run(a)
    fig['total_s'] = time.time() - t0
    Path(a.out).write_text(json.dumps(fig, indent=1))
    print(json.dumps(fig, indent=1))
    print(f"gpu_check: figures in {a.out} ({fig['total_s']:.0f} s)")

if __name__ == '__main__': main(sys.argv[1:])
