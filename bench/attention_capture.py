#!/usr/bin/env python
"""Cost of capturing the <v*> attention map on the up-block attn2 layers (forward + backward), on the tiny model at
512x512 (64x64 latents), batch 1, CPU (`--model random:CompVis/stable-diffusion-v1-4 --size 256`: SD 1.4 at full size;
`--model tiny-xl --size 1024`: SDXL's layout at its 128x128 latents). Prints time and peak-memory ratios measured in this run:

- stock:   the UNet with diffusers' own SDPA processors, loss = mean(pred^2)
- clic:    our processors with capture of one token on the 9 up layers, loss = mean(pred^2) + mean(A)
- naive:   diffusers' `AttnProcessor` on every layer (full softmax matrices) and a store that keeps the full
           (batch*heads, HW, 77) probabilities of every attn2 layer, as prompt-to-prompt-style stores do; same loss

Time: median of --reps runs per variant, variants interleaved in one process. Memory: peak RSS growth of one
forward+backward in a fresh process per variant (CPU has no allocator statistics; RSS is what the OS gives).
Targets (issue 3): clic/stock time <= 1.10 and peak memory <= 1.10."""
import os
os.environ.setdefault('HF_HUB_OFFLINE', '1')
from measure import parser, parse, peak_mb, median_times, print_peak_growth

def setup(variant, size, model='tiny'):
    import torch, torch.nn.functional as F
    from diffusers.models.attention_processor import AttnProcessor
    from clic_nb.models import load_pipeline
    from clic_nb.seam import up_attn2_names, family
    from clic_nb.attention import clic_processors, AttentionStore, capture
    pipe = load_pipeline(model)
    unet, sd = pipe.unet, family(pipe)
    up = up_attn2_names(unet)
    L = sd.latent_size(size)
    x = torch.randn(1, 4, L, L, generator=torch.Generator().manual_seed(0))
    with torch.no_grad(): cond = sd.encode_prompts('a vase with ktn style')     # SDXL: packed with the pooled embedding
    t = torch.tensor([500])
    stock = dict(unet.attn_processors)
    clic = clic_processors(unet, train=None)
    full = {}
    class KeepAll(AttnProcessor):
        "diffusers' full-softmax processor that also keeps every cross-attention probability matrix."
        def __init__(self, name): super().__init__(); self.name = name
        def __call__(self, attn, h, encoder_hidden_states=None, attention_mask=None, **kw):
            if encoder_hidden_states is not None:
                q, k = attn.head_to_batch_dim(attn.to_q(h)), attn.head_to_batch_dim(attn.to_k(encoder_hidden_states))
                full[self.name] = attn.get_attention_scores(q, k)
            return super().__call__(attn, h, encoder_hidden_states, attention_mask)
    naive = {k: KeepAll(k.removesuffix('.processor')) for k in stock}

    def step():
        unet.zero_grad(set_to_none=True)
        if variant == 'stock':
            unet.set_attn_processor(dict(stock)); loss = sd.predict(x, t, cond).square().mean()
        elif variant == 'clic':
            unet.set_attn_processor(dict(clic))
            with capture(unet, AttentionStore([5], layers=up)) as st:
                loss = sd.predict(x, t, cond).square().mean() + st.aggregate(L, minmax=True).mean()
        else:
            unet.set_attn_processor(dict(naive)); full.clear()
            pred = sd.predict(x, t, cond)
            maps = [F.interpolate(full[n][:, :, 5].mean(0).view(1, 1, int(full[n].shape[1] ** .5), -1), size=L, mode='bilinear') for n in up]
            a = torch.stack(maps).mean(0)
            loss = pred.square().mean() + ((a - a.min()) / (a.max() - a.min() + 1e-8)).mean()
        loss.backward()
    return step

def main():
    a = parse(parser(__doc__))
    if a.child: return print_peak_growth(setup(a.child, a.size, a.model))
    variants = ('stock', 'clic', 'naive')
    mem = {v: peak_mb(__file__, v, a.size, a.model) for v in variants}
    med = median_times({v: setup(v, a.size, a.model) for v in variants}, a.reps)
    print(f'{a.model} UNet, {a.size}x{a.size} image ({a.size // 8}x{a.size // 8} latents), batch 1, forward+backward, CPU, {a.reps} reps')
    for v in variants: print(f'  {v:6s} time {med[v]:.3f}s   peak memory +{mem[v]:.0f} MB')
    print(f'clic/stock:  time ratio {med["clic"] / med["stock"]:.3f} (target <= 1.10)   memory ratio {mem["clic"] / mem["stock"]:.3f} (target <= 1.10)')
    print(f'naive/stock: time ratio {med["naive"] / med["stock"]:.3f}                   memory ratio {mem["naive"] / mem["stock"]:.3f}')

if __name__ == '__main__': main()
