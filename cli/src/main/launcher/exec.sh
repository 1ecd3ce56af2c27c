fluxrp_runtime_only=1
fluxrp_use_jdk21 || exit 1
# `serve` starts with the AOT cache the build trained next to the launcher (TrainAotCache.java):
# its classes come loaded and linked. The cache is named after the exact version of the JDK that
# wrote it, and only that JDK gets it; the JVM also checks that it belongs to this very jar (a
# copied launcher does not match) and otherwise runs without it, so its messages are turned off.
# Other commands run without it: they use a fraction of serve's classes and would load them all.
fluxrp_aot=""
if [ "${1-}" = serve ]; then
  fluxrp_aot="$0-$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$JAVA_HOME/release" 2>/dev/null).aot"
  [ -r "$fluxrp_aot" ] || fluxrp_aot=""
fi
# JVM warnings go to stderr: stdout carries what a command prints (a token, a credential).
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -Xlog:disable -Xlog:all=warning:stderr \
  ${fluxrp_aot:+"-XX:AOTCache=$fluxrp_aot"} ${fluxrp_aot:+"-Xlog:aot*=off:stderr"} \
  ${FLUXRP_JAVA_OPTS-} -jar "$0" "$@"
exit 1
