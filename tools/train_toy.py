"""Train clic-nb's toy model (issues 8 and 19): `python tools/train_toy.py --out toy_run [--stage vae|unet|all] [--start RUN] [--vae-steps N] ...`.
Every field of ToyTrainConfig is a flag; the run folder gets vae/, model/ and train_log.json (settings and losses).

The shipped model is six runs (the toy model chapter, nbs/08_toymodel.ipynb, gives the commands; clic_nb.toymodel's
TOY_CONTINUE and TOY_V2 hold the settings of the runs after the first). The last three, on the second toy world:
    python tools/train_toy.py --out toy_v3 --stage vae --start toy_v2 --vae-steps 2500 --vae-lr 5e-4 --warmup 50 --seed 3
    python tools/train_toy.py --out toy_v4 --stage unet --start toy_run4 --vae-from toy_v3 --unet-steps 3000 --unet-lr 3e-4 --warmup 100 --seed 4 --offset-noise 0.15 --p-colorless 0.2 --p-swatch 0.15 --p-style 0.3
    python tools/train_toy.py --out toy_v5 --stage unet --start toy_v4 --unet-steps 4000 --unet-lr 3e-4 --warmup 100 --seed 5 --offset-noise 0.15 --p-colorless 0.2 --p-swatch 0.15 --p-style 0.3
    python -c "from clic_nb.toymodel import ship_toy; ship_toy('toy_v5')"
"""
import argparse, dataclasses, torch
from clic_nb.toymodel import ToyTrainConfig, train_toy

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', required=True, help='run folder')
    ap.add_argument('--stage', default='all', choices=('vae', 'unet', 'all'))
    ap.add_argument('--start', default=None, help='continue each stage from the autoencoder / model of this earlier run folder')
    ap.add_argument('--vae-from', default=None, help='stage 2 alone: the autoencoder of this run folder instead of --start\'s')
    ap.add_argument('--threads', type=int, default=None, help='torch CPU threads (default: torch decides)')
    for f in dataclasses.fields(ToyTrainConfig):
        ap.add_argument('--' + f.name.replace('_', '-'), type=type(f.default), default=f.default)
    a = ap.parse_args()
    if a.threads: torch.set_num_threads(a.threads)
    cfg = ToyTrainConfig(**{f.name: getattr(a, f.name) for f in dataclasses.fields(ToyTrainConfig)})
    print(train_toy(a.out, cfg, a.stage, a.start, a.vae_from))

if __name__ == '__main__': main()
