#!/usr/bin/env bash
# The test command: builds the native engine, runs its GoogleTest suite (ctest) and the Java suites
# (Maven Surefire), then runs the engine's and the computing modules' suites again on the forced scalar path
# (HE4J_DISABLE_AVX512=1).
# Exits non-zero on any failure. Honors CMAKE_PREFIX_PATH (a SEAL install there builds that backend too).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/ci/jdk.sh"
cd "$root"
echo "== JDK: $JAVA_HOME"

echo "== Build + native tests (ctest) + Java tests (Surefire), CPU path chosen by CPUID"
mvn -B -ntp verify

echo "== The jar carries the native library"
jar=$(ls java-bindings/target/he4j-ckks-*.jar | grep -v -e sources -e tests | head -n 1)
"$JAVA_HOME/bin/jar" tf "$jar" | grep -E '^META-INF/native/linux-x86_64/libhe4j-.*\.so$'

echo "== The launcher works from the packaged jar"
./he4j --help >/dev/null
./he4j info

echo "== Again on the scalar path: HE4J_DISABLE_AVX512=1 (the modules that compute with the engine; the service,"
echo "   app, CLI and bench tests above already ran on the engine's suites and do not depend on its CPU path)"
HE4J_DISABLE_AVX512=1 mvn -B -ntp -Dhe4j.native.skip=true test -pl java-bindings,ml-inference,federated,spark -am
echo "== Native tests under AddressSanitizer + UBSan"
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHE4J_SANITIZE=ON -DHE4J_BUILD_BENCH=OFF -DCMAKE_DISABLE_FIND_PACKAGE_SEAL=ON >/dev/null
cmake --build build/asan --parallel 2 --target he4j_native_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build/asan --output-on-failure --parallel 2
echo "== Fuzzing every deserializer (libFuzzer, short smoke run)"
ci/fuzz.sh
echo "== All tests passed"
