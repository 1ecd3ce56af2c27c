fluxrp_runtime_only=1
fluxrp_use_jdk21 || exit 1
# JVM warnings go to stderr: stdout carries what a command prints (a token, a credential).
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" -Xlog:disable -Xlog:all=warning:stderr ${FLUXRP_JAVA_OPTS-} -jar "$0" "$@"
exit 1
