#!/usr/bin/env python
"""One CLiC training step against one plain Custom-Diffusion step on the same model: the tiny pipeline at 512x512
(64x64 latents), batch 1, CPU (`--model random:CompVis/stable-diffusion-v1-4 --size 256`: SD 1.4 at full size;
`--model tiny-xl --size 1024`: SDXL's layout at its 128x128 latents, both text encoders' rows trained). Both train the same parameters (the <v*> row and to_q/k/v/out of every attn2 layer)
with AdamW; each step includes its VAE encoding, text encoding, UNet forward+backward and optimizer step.

- custom:  Custom Diffusion as diffusers ships it: `CustomDiffusionAttnProcessor2_0` (train_kv, train_q_out),
           prompt "a vase with <v*> style", loss = mse(pred, noise); one image encoded.
- clic:    clic-nb's `ClicModel` step: image and image*mask encoded as one VAE batch, both UNet passes as one batch of 2
           with the <v*> map captured on the 9 up-block layers, the three losses.

Time: median of --reps (default 9) steps per variant, interleaved in one process. Memory: peak RSS growth of one step in a
fresh process per variant (CPU has no allocator statistics). Target (issue 4): clic/custom time <= 2.0 on CPU."""
import os
os.environ.setdefault('HF_HUB_OFFLINE', '1')
from measure import parser, parse, peak_mb, median_times, print_peak_growth

def setup(variant, size, model='tiny'):
    import torch
    import torch.nn.functional as F
    from diffusers.models.attention_processor import CustomDiffusionAttnProcessor2_0
    from clic_nb.data import sample
    from clic_nb.models import load_pipeline
    from clic_nb.seam import family, attn2_names
    from clic_nb.concept import add_concept_token, make_trainable, train_rows, freeze
    from clic_nb.training import step_generator
    from clic_nb.learn import make_config, StepData, ClicModel, prepare_source, named_trainables
    torch.manual_seed(0)
    pipe = load_pipeline(model)
    cfg = make_config(size=size)
    tid = add_concept_token(pipe)
    _, _, image, mask = prepare_source(sample('source'), sample('source_mask'), size, family(pipe).latent_size(size))
    sd = family(pipe)
    sched = sd.train_scheduler()
    if variant == 'clic':
        make_trainable(pipe, [tid], 'qkvo')
        params = list(named_trainables(pipe).values())
        data, model = StepData(pipe, image, mask, 'vase', cfg), ClicModel(pipe, cfg)
        def loss_of(g): return model(**data(g, 'cpu'))['total']
    else:
        freeze(pipe)
        rows = train_rows(pipe, [tid])
        mods, procs = dict(pipe.unet.named_modules()), dict(pipe.unet.attn_processors)
        for n in attn2_names(pipe.unet):
            a = mods[n]
            p = CustomDiffusionAttnProcessor2_0(train_kv=True, train_q_out=True, hidden_size=a.to_q.out_features,
                                                cross_attention_dim=a.to_k.in_features)
            p.load_state_dict({'to_k_custom_diffusion.weight': a.to_k.weight, 'to_v_custom_diffusion.weight': a.to_v.weight,
                               'to_q_custom_diffusion.weight': a.to_q.weight, 'to_out_custom_diffusion.0.weight': a.to_out[0].weight,
                               'to_out_custom_diffusion.0.bias': a.to_out[0].bias})
            procs[f'{n}.processor'] = p.requires_grad_(True)
        pipe.unet.set_attn_processor(dict(procs))                    # diffusers empties the dict it is given
        params = rows + [p for pr in procs.values() if isinstance(pr, CustomDiffusionAttnProcessor2_0) for p in pr.parameters()]
        ids = sd.ids('a vase with <v*> style')
        def loss_of(g):
            with torch.no_grad(): x0 = sd.encode_image(image, g)
            t, noise = torch.randint(0, 1000, (1,), generator=g), torch.randn(x0.shape, generator=g)
            pred = sd.predict(sched.add_noise(x0, noise, t), t, sd.encode_text(ids))
            return F.mse_loss(pred, noise)
    opt = torch.optim.AdamW(params, lr=1e-5, weight_decay=0.1)
    n_params = sum(p.numel() for p in params)
    state = {'i': 0}
    def step():
        state['i'] += 1
        loss_of(step_generator(42, state['i'])).backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step(); opt.zero_grad()
    return step, n_params

def main():
    p = parser(__doc__); p.set_defaults(reps=9)          # a step is short and 2 cores are noisy: more reps than the default
    a = parse(p)
    if a.child: return print_peak_growth(setup(a.child, a.size, a.model)[0])
    variants = ('custom', 'clic')
    mem = {v: peak_mb(__file__, v, a.size, a.model) for v in variants}
    built = {v: setup(v, a.size, a.model) for v in variants}
    assert built['custom'][1] == built['clic'][1], 'both variants must train the same parameters'
    med = median_times({v: built[v][0] for v in variants}, a.reps)
    print(f'{a.model} pipeline, {a.size}x{a.size} image ({a.size // 8}x{a.size // 8} latents), batch 1, one training step '
          f'({built["clic"][1]:,} trained parameters), CPU, {a.reps} reps')
    for v in variants: print(f'  {v:7s} time {med[v]:.3f}s   peak memory +{mem[v]:.0f} MB')
    print(f'clic/custom: time ratio {med["clic"] / med["custom"]:.3f} (target <= 2.0)   peak memory ratio {mem["clic"] / mem["custom"]:.3f}')

if __name__ == '__main__': main()
