#!/usr/bin/env python3
"""Builds the Markdown table of README.md from the Google Benchmark JSON files in this directory.

Usage: python3 make_table.py he4j-native.json he4j-abi.json seal-hexl.json seal-nohexl.json
Prints one row per benchmark (ckks_<op>/<preset>) with the median CPU time in microseconds per run.
"""
import json
import sys


def medians(path):
    with open(path) as f:
        data = json.load(f)
    out = {}
    for b in data["benchmarks"]:
        if b.get("aggregate_name") == "median":
            out[b["run_name"]] = (b["cpu_time"], b["real_time"], b.get("time_unit", "us"))
    return data.get("context", {}), out


def main(paths):
    runs = [(p, *medians(p)) for p in paths]
    names = []
    for _, _, m in runs:
        for n in m:
            if n not in names:
                names.append(n)
    order = ["encode", "encrypt_pk", "encrypt_sk", "decrypt", "decode", "add", "multiply_plain", "multiply_relin",
             "rescale", "rotate_1", "rotate_hoisted_8", "relin_keygen", "galois_keygen_1step"]
    names = [n for n in names if n.startswith("ckks_")]
    names.sort(key=lambda n: (n.split("/")[1], order.index(n.split("/")[0][5:]) if n.split("/")[0][5:] in order else 99))
    header = "| benchmark | " + " | ".join(p.rsplit("/", 1)[-1].removesuffix(".json") for p, _, _ in runs)
    header += " | SEAL+HEXL / own |" if len(runs) >= 3 else " |"
    print(header)
    print("|---" * (len(runs) + 1 + (1 if len(runs) >= 3 else 0)) + "|")
    for n in names:
        cells = []
        vals = []
        for _, _, m in runs:
            v = m.get(n)
            vals.append(v[0] if v else None)
            cells.append(f"{v[0]:,.1f}" if v else "—")
        row = f"| `{n}` | " + " | ".join(cells)
        if len(runs) >= 3:
            own, hexl = vals[0], vals[2]
            row += f" | {hexl / own:.2f}× |" if own and hexl else " | — |"
        else:
            row += " |"
        print(row)


if __name__ == "__main__":
    main(sys.argv[1:])
