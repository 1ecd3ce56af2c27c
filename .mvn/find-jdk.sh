# Shared by ./mvnw and the cli/target/fluxrp launcher: make JAVA_HOME point at a JDK 21 or newer.
# Keeps JAVA_HOME (or the java on PATH) when it is new enough; otherwise looks in the usual install
# locations and takes the newest JDK it finds. POSIX sh; sourced, never executed.

fluxrp_java_major() {
  # $1: a JDK home. Prints its feature version (17, 21, 25...) or nothing.
  if [ -r "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
  elif [ -x "$1/bin/java" ]; then
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1
  fi
}

fluxrp_use_jdk21() {
  fluxrp_candidates=""
  [ -n "${JAVA_HOME-}" ] && fluxrp_candidates="$JAVA_HOME"
  fluxrp_path_java="$(command -v java 2>/dev/null || true)"
  if [ -n "$fluxrp_path_java" ]; then
    fluxrp_path_java="$(readlink -f "$fluxrp_path_java" 2>/dev/null || printf %s "$fluxrp_path_java")"
    fluxrp_candidates="$fluxrp_candidates ${fluxrp_path_java%/bin/java}"
  fi
  for fluxrp_home in $fluxrp_candidates; do
    fluxrp_major="$(fluxrp_java_major "$fluxrp_home")"
    if [ -n "$fluxrp_major" ] && [ "$fluxrp_major" -ge 21 ] && [ -x "$fluxrp_home/bin/javac" ]; then
      JAVA_HOME="$fluxrp_home"; export JAVA_HOME; return 0
    fi
  done
  fluxrp_best=""; fluxrp_best_major=0
  case $- in *f*) fluxrp_noglob=1; set +f ;; *) fluxrp_noglob=0 ;; esac
  for fluxrp_home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "${HOME-}"/.sdkman/candidates/java/* \
      "${HOME-}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$fluxrp_home/bin/java" ] && [ -x "$fluxrp_home/bin/javac" ] || continue
    fluxrp_major="$(fluxrp_java_major "$fluxrp_home")"
    [ -n "$fluxrp_major" ] || continue
    if [ "$fluxrp_major" -ge 21 ] && [ "$fluxrp_major" -gt "$fluxrp_best_major" ]; then
      fluxrp_best="$fluxrp_home"; fluxrp_best_major="$fluxrp_major"
    fi
  done
  [ "$fluxrp_noglob" = 1 ] && set -f
  if [ -n "$fluxrp_best" ]; then
    JAVA_HOME="$fluxrp_best"; export JAVA_HOME; return 0
  fi
  echo "fluxrp needs a JDK 21 or newer and found none: install one and set JAVA_HOME to it." >&2
  return 1
}
