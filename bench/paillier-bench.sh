#!/usr/bin/env bash
# Paillier benchmarks: he4j-paillier vs javallier 0.6.0 (JMH, same JVM and modulus), modexp engines, key
# generation, bytes on the wire, and a paired CPU-time run (PaillierPairedRun, robust to a loaded machine).
# Writes bench/results/paillier-<date>.json (JMH), -paired.json, -sizes.json and .md (report).
# Usage: bench/paillier-bench.sh [extra JMH args, e.g. -p bits=2048]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. ci/jdk.sh
stamp="$(date -u +%Y%m%d-%H%M)"
out="bench/results/paillier-$stamp"
cp_file="$(mktemp)"
mvn -B -q -ntp -pl bench -am test-compile dependency:build-classpath -Dmdep.outputFile="$cp_file" \
    -Dmdep.includeScope=test -Dhe4j.native.skip=true ${HE4J_NATIVE_BUILD:+-Dhe4j.native.build=$HE4J_NATIVE_BUILD}
cp="bench/target/test-classes:bench/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
data="${HE4J_DATA_DIR:-$root/../shared/data}"
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dhe4j.data.dir="$data" -Dhe4j.bench.keys="$root/bench/target")
"${java[@]}" -cp "$cp" io.he4j.bench.paillier.PaillierWireSizes "$out-sizes.json"
"${java[@]}" -cp "$cp" org.openjdk.jmh.Main 'io.he4j.bench.paillier.(PaillierBench|ModExpBench|PaillierKeygenBench)' \
    -jvmArgsAppend "-Dhe4j.data.dir=$data -Dhe4j.bench.keys=$root/bench/target" \
    -rf json -rff "$out.json" "$@"
# keep the percentiles, drop the raw histograms (megabytes)
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))
for x in r: x["primaryMetric"].pop("rawDataHistogram", None); x["primaryMetric"].pop("rawData", None)
json.dump(r, open(sys.argv[1], "w"), indent=1)' "$out.json"
"${java[@]}" -cp "$cp" io.he4j.bench.paillier.PaillierPairedRun "$out-paired.json" "${HE4J_PAIRED_SECONDS:-20}"
python3 bench/paillier-report.py "$out.json" "$out-sizes.json" "$out-paired.json" "bench/paillier-bench.sh $*" > "$out.md"
echo "wrote $out.md and $out.json"
