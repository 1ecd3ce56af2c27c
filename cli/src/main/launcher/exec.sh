fluxrp_runtime_only=1
fluxrp_use_jdk21 || exit 1
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${FLUXRP_JAVA_OPTS-} -jar "$0" "$@"
exit 1
