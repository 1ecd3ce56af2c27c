# Shared by ./mvnw and the cli/target/fluxrp launcher: make JAVA_HOME point at a Java 21 or newer.
# Keeps JAVA_HOME (or the java on PATH) when it is new enough; otherwise looks in the usual install
# locations and takes the newest it finds. Building needs a JDK (javac); the launcher only runs the
# jar and sets fluxrp_runtime_only=1 first, so a Java 21 runtime will do. POSIX sh; sourced.

fluxrp_java_major() {
  # $1: a Java home. Prints its feature version (17, 21, 25...) or nothing.
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

fluxrp_usable_java() {
  # $1: a Java home. Its major version when it is 21+ (and has javac unless runtime only).
  [ -n "$1" ] && [ -x "$1/bin/java" ] || return 1
  [ "${fluxrp_runtime_only-0}" = 1 ] || [ -x "$1/bin/javac" ] || return 1
  fluxrp_major="$(fluxrp_java_major "$1")"
  [ -n "$fluxrp_major" ] && [ "$fluxrp_major" -ge 21 ] && printf %s "$fluxrp_major"
}

fluxrp_use_jdk21() {
  if fluxrp_usable_java "${JAVA_HOME-}" >/dev/null; then
    export JAVA_HOME; return 0
  fi
  fluxrp_path_java="$(command -v java 2>/dev/null || true)"
  if [ -n "$fluxrp_path_java" ]; then
    fluxrp_path_java="$(readlink -f "$fluxrp_path_java" 2>/dev/null || printf %s "$fluxrp_path_java")"
    if fluxrp_usable_java "${fluxrp_path_java%/bin/java}" >/dev/null; then
      JAVA_HOME="${fluxrp_path_java%/bin/java}"; export JAVA_HOME; return 0
    fi
  fi
  fluxrp_best=""; fluxrp_best_major=0
  case $- in *f*) fluxrp_noglob=1; set +f ;; *) fluxrp_noglob=0 ;; esac
  for fluxrp_home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "${HOME-}"/.sdkman/candidates/java/* \
      "${HOME-}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    fluxrp_major="$(fluxrp_usable_java "$fluxrp_home")" || continue
    if [ "$fluxrp_major" -gt "$fluxrp_best_major" ]; then
      fluxrp_best="$fluxrp_home"; fluxrp_best_major="$fluxrp_major"
    fi
  done
  [ "$fluxrp_noglob" = 1 ] && set -f
  if [ -n "$fluxrp_best" ]; then
    JAVA_HOME="$fluxrp_best"; export JAVA_HOME; return 0
  fi
  echo "fluxrp needs Java 21 or newer and found none: install a JDK 21+ and set JAVA_HOME to it." >&2
  return 1
}
