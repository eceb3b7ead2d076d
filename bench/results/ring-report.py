#!/usr/bin/env python3
"""Turns ring-native.json (Google Benchmark, aggregates only) into the Markdown table of ring-native.md.

Usage: python3 bench/results/ring-report.py bench/results/ring-native.json > /tmp/table.md
Prints one row per (op, N, qbits): median real and CPU time of the dispatched kernel, the kernel label,
the scalar reference's median, and the scalar/SIMD ratio (on CPU time, which excludes time descheduled).
"""
import json
import sys


def main(path):
    data = json.load(open(path))
    med = {}
    for b in data["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        name = b["run_name"]
        med[name] = (b["real_time"], b["cpu_time"], b.get("label", ""))
    ctx = data.get("context", {})
    print(f"Host: {ctx.get('num_cpus')} CPUs, {ctx.get('mhz_per_cpu')} MHz; kernel path: {ctx.get('kernel', '?')}; "
          f"date {ctx.get('date')}")
    print()
    print("| benchmark | kernel | median real µs | median CPU µs | scalar median CPU µs | scalar / SIMD |")
    print("|---|---|---:|---:|---:|---:|")
    for op in ("ntt_forward", "ntt_inverse", "mulmod"):
        for n in (4096, 8192, 16384, 32768):
            for bits in (40, 50, 59):
                key = f"{op}/{n}/{bits}"
                skey = f"{op}_scalar/{n}/{bits}"
                if key not in med:
                    continue
                real, cpu, label = med[key]
                scpu = med.get(skey, (None, None, None))[1]
                ratio = f"{scpu / cpu:.1f}x" if scpu else "-"
                sc = f"{scpu:.1f}" if scpu else "-"
                print(f"| `{key}` | {label} | {real:.1f} | {cpu:.1f} | {sc} | {ratio} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/results/ring-native.json")
