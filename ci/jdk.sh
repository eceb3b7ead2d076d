# Sourced by ./he4j and ci/*.sh: exports JAVA_HOME pointing at a JDK >= 25 (the FFM API is final there).
# Order: $JAVA_HOME if it is >= 25, else the newest JDK >= 25 under /usr/lib/jvm, else fail naming what was seen.

he4j_java_major() {  # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

he4j_find_jdk() {
  local seen="" candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(he4j_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then return 0; fi
    seen="$seen\n  JAVA_HOME=$JAVA_HOME (Java ${major:-?})"
  fi
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(he4j_java_major "$candidate/bin/java")
    seen="$seen\n  $candidate (Java ${major:-?})"
    if [ -n "$major" ] && [ "$major" -ge 25 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -n "$best" ]; then
    export JAVA_HOME="$best"
    return 0
  fi
  printf 'he4j needs a JDK 25 or newer (for the final FFM API) and found none. Looked at:%b\n' "${seen:-\n  (nothing)}" >&2
  printf 'Install one (e.g. Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to it.\n' >&2
  return 1
}

he4j_find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8's Guava uses sun.misc.Unsafe; keep JDK 25 from warning about it on every run.
case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
