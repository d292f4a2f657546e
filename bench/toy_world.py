#!/usr/bin/env python
"""Rendering speed of the toy world (issue 8 asks for thousands of images a second): images per second at several
sizes, one process, rendering random scenes with all their masks. Prints rates measured in one run."""
import argparse, time
from clic_nb.toyworld import render, random_scene, toy_batch

def rate(size:int, n:int) -> float:
    t0 = time.perf_counter()
    for k in range(n): render(random_scene(k), size)
    return n / (time.perf_counter() - t0)

def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--smoke', action='store_true', help='a few images: only whether it runs (the tests use it)')
    k = 100 if p.parse_args().smoke else 1
    for size, n in ((64, 3000 // k), (128, 1500 // k), (256, 300 // k)):
        print(f'{size:4d} px: {rate(size, n):7.0f} images/s (image + object, part, region and ink masks)')
    t0 = time.perf_counter(); toy_batch(range(256), 128)
    print(f'toy_batch of 256 at 128 px (tensors in [-1, 1]): {256 / (time.perf_counter() - t0):.0f} images/s')

if __name__ == '__main__': main()
