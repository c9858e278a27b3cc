#!/usr/bin/env python3
"""Compares two modes profiled by profile.sh, frame by frame, on the request threads.

Prints, in samples (CPU µs) per request x 1000, the frames whose time grew most from the first
mode to the second: as the leaf (the code running) and inclusive (the code and what it called).
Lambda and hidden-class names are made comparable across JVMs.

Usage: benchmarks/profile-diff.py plain-jfr default [thread-name-part] [rows]
"""
import collections
import re
import sys

OUT = 'benchmarks/target/profile/'


def frame(name):
    name = re.sub(r'\$\$Lambda[.$/]0x[0-9a-f]+', '$$Lambda', name)
    name = re.sub(r'\$\$Lambda\$[0-9]+[./]0x[0-9a-f]+', '$$Lambda', name)
    return re.sub(r'(LambdaForm\$[A-Z]+)\.0x[0-9a-f]+', r'\1', name)


def load(mode, thread):
    requests = int(open(OUT + mode + '.requests').read())
    leaf, inclusive = collections.Counter(), collections.Counter()
    for line in open(OUT + mode + '.collapsed'):
        stack, count = line.rstrip().rsplit(' ', 1)
        frames = stack.split(';')
        if thread not in frames[0] or len(frames) < 2:
            continue
        frames = [frame(f) for f in frames[1:]]
        leaf[frames[-1]] += int(count)
        for f in set(frames):
            inclusive[f] += int(count)
    scale = 1000 / requests
    return ({k: v * scale for k, v in leaf.items()}, {k: v * scale for k, v in inclusive.items()})


def main():
    first, second = sys.argv[1], sys.argv[2]
    thread = sys.argv[3] if len(sys.argv) > 3 else 'exec'
    rows = int(sys.argv[4]) if len(sys.argv) > 4 else 30
    a, b = load(first, thread), load(second, thread)
    for title, ca, cb in (('leaf', a[0], b[0]), ('inclusive', a[1], b[1])):
        print(f'== {title}: {first} -> {second}')
        for k in sorted(set(ca) | set(cb), key=lambda k: ca.get(k, 0) - cb.get(k, 0))[:rows]:
            print(f'{ca.get(k, 0):8.3f} {cb.get(k, 0):8.3f} {cb.get(k, 0) - ca.get(k, 0):+8.3f} {k[:150]}')


main()
