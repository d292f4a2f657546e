"""Train clic-nb's toy model (issue 8): `python tools/train_toy.py --out toy_run [--stage vae|unet|all] [--start RUN] [--vae-steps N] ...`.
Every field of ToyTrainConfig is a flag; the run folder gets vae/, model/ and train_log.json (settings and losses).

The shipped model is two runs (clic_nb.toymodel.TOY_CONTINUE holds the second one's settings):
    python tools/train_toy.py --out toy_run
    python tools/train_toy.py --out toy_run4 --stage unet --start toy_run --unet-steps 2500 --unet-lr 2e-4 --warmup 100 --seed 1 --offset-noise 0.15
    python -c "from clic_nb.toymodel import ship_toy; ship_toy('toy_run4')"
"""
import argparse, dataclasses, torch
from clic_nb.toymodel import ToyTrainConfig, train_toy

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', required=True, help='run folder')
    ap.add_argument('--stage', default='all', choices=('vae', 'unet', 'all'))
    ap.add_argument('--start', default=None, help='continue stage 2 from the model of this earlier run folder')
    ap.add_argument('--threads', type=int, default=None, help='torch CPU threads (default: torch decides)')
    for f in dataclasses.fields(ToyTrainConfig):
        ap.add_argument('--' + f.name.replace('_', '-'), type=type(f.default), default=f.default)
    a = ap.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    cfg = ToyTrainConfig(**{f.name: getattr(a, f.name) for f in dataclasses.fields(ToyTrainConfig)})
    print(train_toy(a.out, cfg, a.stage, a.start))

if __name__ == '__main__': main()
