"""What the benchmarks share: peak memory of one step in a fresh process, and interleaved median times."""
import argparse, json, resource, statistics, subprocess, sys, time

def rss_kb() -> int:
    with open('/proc/self/status') as f:
        return next(int(l.split()[1]) for l in f if l.startswith('VmRSS'))

def print_peak_growth(step) -> None:
    "Run `step` once and print its peak RSS growth in MB as JSON (CPU has no allocator statistics: RSS is what there is)."
    import gc; gc.collect()
    base = rss_kb()
    step()
    print(json.dumps({'peak_mb': (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024}))

def peak_mb(script:str, variant:str, size:int, model:str='tiny') -> float:
    "Peak memory growth of one step of `variant`, measured by `script --child variant` in a fresh process."
    r = subprocess.run([sys.executable, script, '--child', variant, '--size', str(size), '--model', model], capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])['peak_mb']

def median_times(steps:dict, reps:int) -> dict:
    "Median seconds per call of each step after one warm-up call, the variants interleaved rep by rep."
    for s in steps.values(): s()
    times = {v: [] for v in steps}
    for _ in range(reps):
        for v, s in steps.items():
            t0 = time.perf_counter(); s(); times[v].append(time.perf_counter() - t0)
    return {v: statistics.median(t) for v, t in times.items()}

def parser(doc:str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--size', type=int, default=512); p.add_argument('--reps', type=int, default=5)
    p.add_argument('--model', default='tiny', help="model of load_pipeline, e.g. random:CompVis/stable-diffusion-v1-4 (full size)")
    p.add_argument('--smoke', action='store_true', help='64 px, one rep: only whether it runs (the tests use it); the ratios mean nothing')
    p.add_argument('--child', help=argparse.SUPPRESS)
    return p

def parse(p:argparse.ArgumentParser, **smoke):
    "The arguments; with --smoke, the small settings (size 64, one rep, and `smoke`)."
    a = p.parse_args()
    if a.smoke: vars(a).update(size=64, reps=1, **smoke)
    return a
