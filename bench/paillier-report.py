#!/usr/bin/env python3
"""Markdown report of bench/paillier-bench.sh: JMH JSON + wire sizes -> tables (median, p99, speedups)."""
import json
import os
import sys
import datetime

jmh_file, sizes_file, paired_file, command = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
runs = json.load(open(jmh_file))
sizes = json.load(open(sizes_file))
paired = json.load(open(paired_file))


def key(r):
    return r["benchmark"].rsplit(".", 2)[-2:], r["params"]


res = {}
for r in runs:
    cls, name = r["benchmark"].rsplit(".", 2)[-2:]
    p = r["params"]
    pm = r["primaryMetric"]
    unit = pm["scoreUnit"]
    scale = 1000.0 if unit.startswith("ms") else 1.0  # everything in microseconds
    pct = pm["scorePercentiles"]
    res[(cls, name, p.get("bits"), p.get("shape"))] = (pct["50.0"] * scale, pct["99.0"] * scale, pm.get("sampleCount") or len(pm.get("rawData", [[]])[0]))


def fmt(us):
    if us >= 1000:
        return f"{us / 1000:,.2f} ms"
    return f"{us:,.1f} µs"


def cell(cls, name, bits, shape=None):
    v = res.get((cls, name, bits, shape))
    return ("n/a", None) if v is None else (f"{fmt(v[0])} ({fmt(v[1])})", v[0])


def ratio(a, b):
    return "n/a" if a is None or b is None else f"**{b / a:.2f}x**"


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"# Paillier: he4j-paillier vs javallier 0.6.0 ({datetime.date.today().isoformat()})\n")
print(f"Command: `{command}` (JMH 1.37, one fork per benchmark, one thread; sample time: every call timed).  ")
print(f"Machine: {cpu}, {os.cpu_count()} cores shared with other jobs (load average at report time "
      f"{os.getloadavg()[0]:.1f}): absolute numbers are noisy, the side-by-side ratios within one run less so.  ")
print("Both libraries run on the same modulus (bench/target/paillier-bench-key-*.txt). javallier computes with "
      "the GMP 6.1.1 bundled in jnagmp 2.0.0 (through JNA 5), he4j with the system's libgmp (Debian GMP 6.2.1, "
      "through FFM). Cells: median (p99). Speedup = javallier median / he4j median = throughput ratio for one "
      "thread.\n")

rows = [
    ("key generation", "PaillierKeygenBench", "keygen", "PaillierKeygenBench", "javallierKeygen"),
    ("encrypt, key owner (CRT randomizer) vs javallier encrypt+obfuscate", "PaillierBench", "encryptOwner", "PaillierBench", "javallierEncrypt"),
    ("encrypt, public key only vs javallier encrypt+obfuscate", "PaillierBench", "encryptPublic", "PaillierBench", "javallierEncrypt"),
    ("encrypt, online part only (precomputed randomizer) vs javallier encrypt+obfuscate", "PaillierBench", "encryptOnline", "PaillierBench", "javallierEncrypt"),
    ("decrypt (CRT)", "PaillierBench", "decrypt", "PaillierBench", "javallierDecrypt"),
    ("add two ciphertexts", "PaillierBench", "add", "PaillierBench", "javallierAdd"),
    ("multiply by a plaintext scalar (-0.0421875)", "PaillierBench", "multiplyScalar", "PaillierBench", "javallierMultiplyScalar"),
    ("re-randomize (obfuscate)", "PaillierBench", "rerandomize", "PaillierBench", "javallierObfuscate"),
    ("13-feature LR prediction end to end", "PaillierBench", "lrEndToEnd", "PaillierBench", "javallierLrEndToEnd"),
]
# Batched calls (throughput, not one call's latency): he4j's time per call of k items vs k javallier calls.
batched = [
    ("decrypt, 4 ciphertexts in one call (per call of 4) vs 4 javallier decrypts", "decryptBatch4", "javallierDecrypt", 4),
    ("encrypt, key owner, 4 values in one call vs 4 javallier encrypt+obfuscate", "encryptOwnerBatch4", "javallierEncrypt", 4),
    ("re-randomize 8 ciphertexts in one call vs 8 javallier obfuscate", "rerandomizeBatch8", "javallierObfuscate", 8),
]
for bits in ("2048", "3072"):
    print(f"## {bits}-bit modulus\n")
    print("| operation | he4j-paillier | javallier 0.6.0 | speedup |")
    print("|---|---|---|---|")
    for label, c1, m1, c2, m2 in rows:
        a, av = cell(c1, m1, bits)
        b, bv = cell(c2, m2, bits)
        print(f"| {label} | {a} | {b} | {ratio(av, bv)} |")
    for label, m1, m2, k in batched:
        a, av = cell("PaillierBench", m1, bits)
        _, bv = cell("PaillierBench", m2, bits)
        b = "n/a" if bv is None else f"{k} x {fmt(bv)} = {fmt(k * bv)}"
        print(f"| {label} | {a} | {b} | {ratio(av, None if bv is None else k * bv)} |")
    ref, _ = cell("PaillierBench", "javallierEncryptNoObfuscation", bits)
    print(f"\njavallier `encrypt` without `obfuscate()` (deterministic, not semantically secure; reference only): {ref}.\n")

print("## Paired CPU-time run (PaillierPairedRun): the ratios to trust on a loaded machine\n")
print("Each he4j call and its javallier counterpart alternate (order swapped every round); each call's *thread CPU "
      "time* is recorded, so time lost to other jobs on the shared cores does not count. Median (p99) CPU time per "
      "call; speedup = javallier median / he4j median.\n")
print("| modulus | operation | rounds | he4j-paillier | javallier 0.6.0 | speedup |")
print("|---|---|---|---|---|---|")
for p in paired:
    print(f"| {p['bits']} | {p['op']} | {p['rounds']} | {fmt(p['he4j_cpu_us_p50'])} ({fmt(p['he4j_cpu_us_p99'])}) | "
          f"{fmt(p['javallier_cpu_us_p50'])} ({fmt(p['javallier_cpu_us_p99'])}) | **{p['speedup']:.2f}x** |")
print()

print("## Modular exponentiation engines\n")
print("`decrypt` shape: exponent p-1 (|n|/2 bits) modulo p^2 (|n| bits); `encrypt` shape: exponent n modulo n^2 "
      "(the public-key randomizer). Shipped: GMP `mpz_powm_sec` (constant-time) for single exponentiations, the "
      "engine's AVX-512 IFMA kernel (constant-time, 8 lanes per pass) for batches of two or more. IFMA column: one "
      "call of 8 exponentiations (a call of 2 to 8 costs the same) and, in brackets, its cost per exponentiation.\n")
print("| modulus | shape | BigInteger.modPow | GMP mpz_powm | GMP mpz_powm_sec | IFMA batch of 8 (per exp.) | sec vs BigInteger | IFMA per exp. vs sec |")
print("|---|---|---|---|---|---|---|---|")
for bits in ("2048", "3072"):
    for shape in ("decrypt", "encrypt"):
        j, jv = cell("ModExpBench", "javaModPow", bits, shape)
        g, gv = cell("ModExpBench", "gmpPowm", bits, shape)
        s, sv = cell("ModExpBench", "gmpPowmSec", bits, shape)
        i, iv = cell("ModExpBench", "ifmaBatch8", bits, shape)
        per = "" if iv is None else f" [{fmt(iv / 8)}]"
        print(f"| {bits} | {shape} | {j} | {g} | {s} | {i}{per} | {ratio(sv, jv)} | {ratio(None if iv is None else iv / 8, sv)} |")

print("\n## The same logistic regression under Paillier and under he4j's CKKS\n")
print("Cleveland heart disease, 13 features, one prediction (client encrypts, server computes w·x + b, client "
      "decrypts). Paillier: this run (crypto only, no JSON), bytes from PaillierWireSizes (one row). CKKS: the "
      "README's figures (bench run 20261122-064817), not re-measured here.\n")
print("| scheme | end-to-end latency (median) | upload | download |")
print("|---|---|---|---|")
for bits in ("2048", "3072"):
    lat, _ = cell("PaillierBench", "lrEndToEnd", bits)
    s = sizes[bits]
    print(f"| Paillier {bits} (he4j) | {lat} | {s['data_json_bytes'] / 1000:.1f} KB JSON / "
          f"{s['data_binary_bytes'] / 1000:.1f} KB binary | {s['answer_json_bytes'] / 1000:.1f} KB JSON / "
          f"{s['answer_binary_bytes'] / 1000:.1f} KB binary |")
print("| CKKS N=2048 (he4j, README) | 0.058 ms | 12.4 KB | not stated in the README |")
print(f"\nDecrypted Paillier logit vs the plaintext model: |error| {sizes['2048']['logit_abs_error']:.1e} (2048), "
      f"{sizes['3072']['logit_abs_error']:.1e} (3072); CKKS README: max |dscore| 9.1e-5.")
