package io.fluxrp.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Options that can also be set through the environment: a non-blank variable replaces the option's
 * built-in default; an option on the command line wins over both. One table for all commands, so an
 * option means the same everywhere.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

  /** Option (longest name) to environment variable. */
  static final Map<String, String> VARIABLES =
      Map.ofEntries(
          Map.entry("--port", "FLUXRP_PORT"),
          Map.entry("--data-dir", "FLUXRP_DATA_DIR"),
          Map.entry("--trust-forwarded-headers", "FLUXRP_TRUST_FORWARDED_HEADERS"),
          Map.entry("--auto-register-clusters", "FLUXRP_AUTO_REGISTER_CLUSTERS"),
          Map.entry("--cluster-stale-after", "FLUXRP_CLUSTER_STALE_AFTER"),
          Map.entry("--oidc-issuer", "FLUXRP_OIDC_ISSUERS"),
          Map.entry("--server", "FLUXRP_SERVER"),
          Map.entry("--token", "FLUXRP_TOKEN"),
          Map.entry("--cacert", "FLUXRP_CACERT"),
          Map.entry("--secret-keys-file", "FLUXRP_SECRET_KEYS_FILE"),
          Map.entry("--owner", "FLUXRP_OWNERS"),
          Map.entry("--throttle-reads", "FLUXRP_THROTTLE_READS"),
          Map.entry("--throttle-writes", "FLUXRP_THROTTLE_WRITES"),
          Map.entry("--throttle-window", "FLUXRP_THROTTLE_WINDOW"),
          Map.entry("--database-url", "FLUXRP_DATABASE_URL"),
          Map.entry("--database-user", "FLUXRP_DATABASE_USER"),
          Map.entry("--database-password-file", "FLUXRP_DATABASE_PASSWORD_FILE"),
          Map.entry("--database-pool-size", "FLUXRP_DATABASE_POOL_SIZE"),
          Map.entry("--cluster", "FLUXRP_CLUSTER_ID"),
          Map.entry("--token-file", "FLUXRP_TOKEN_FILE"),
          Map.entry("--server-cacert", "FLUXRP_SERVER_CACERT"),
          Map.entry("--context", "FLUXRP_KUBE_CONTEXT"),
          Map.entry("--state-namespace", "FLUXRP_STATE_NAMESPACE"),
          Map.entry("--workers", "FLUXRP_WORKERS"),
          Map.entry("--resync-interval", "FLUXRP_RESYNC_INTERVAL"),
          Map.entry("--heartbeat-interval", "FLUXRP_HEARTBEAT_INTERVAL"),
          Map.entry("--delete-step-timeout", "FLUXRP_DELETE_STEP_TIMEOUT"),
          Map.entry("--health-port", "FLUXRP_HEALTH_PORT"));

  private final Map<String, String> env;

  EnvironmentDefaults(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec option) {
      String variable = VARIABLES.get(option.longestName());
      if (variable != null) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
          return value.strip();
        }
      }
    }
    return null;
  }
}
