#!/usr/bin/env bash
# Builds the libFuzzer targets (one per deserializer, with ASan+UBSan) and runs each for
# ${HE4J_FUZZ_SECONDS:-10} seconds from an empty corpus. Any crash, sanitizer report or leak fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz: clang++ not found (apt-get install clang libclang-rt-14-dev): fuzzing skipped"
  exit 0
fi
cmake -S . -B build/fuzz -DCMAKE_CXX_COMPILER=clang++ -DHE4J_FUZZ=ON -DHE4J_BUILD_TESTS=OFF \
  -DHE4J_BUILD_BENCH=OFF -DCMAKE_DISABLE_FIND_PACKAGE_SEAL=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
kinds="context plaintext ciphertext secret_key public_key relin_key galois_keys compact_reply"
cmake --build build/fuzz --parallel 2 --target $(for k in $kinds; do printf 'fuzz_load_%s ' "$k"; done)
for k in $kinds; do
  corpus="build/fuzz/corpus/$k"
  mkdir -p "$corpus"
  build/fuzz/fuzz_load_$k -max_total_time="${HE4J_FUZZ_SECONDS:-10}" -rss_limit_mb=4096 -print_final_stats=0 \
    "$corpus" 2>&1 | tail -n 1 | sed "s/^/fuzz_load_$k: /"
done
echo "fuzz: all deserializers survived"
