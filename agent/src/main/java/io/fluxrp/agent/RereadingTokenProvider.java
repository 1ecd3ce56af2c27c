package io.fluxrp.agent;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token of a configuration that had none when loaded (a kubeconfig with a client
 * certificate, or no credentials): loaded again at most once per {@link #INTERVAL}, so that a token
 * added later is still picked up. Without it, fabric8 7.9 reads and parses the kubeconfig again
 * before every request once the first minute has passed, because its token refresh counts as done
 * only when it finds a token.
 */
final class RereadingTokenProvider implements OAuthTokenProvider {

  /** fabric8's own refresh interval for tokens it finds. */
  static final Duration INTERVAL = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(RereadingTokenProvider.class);

  private final Supplier<Config> reload;
  private final Clock clock;
  private String token;
  private Instant nextRead;

  RereadingTokenProvider(Supplier<Config> reload, Clock clock) {
    this.reload = reload;
    this.clock = clock;
    this.nextRead = clock.instant().plus(INTERVAL);
  }

  /** Whether {@code config} yields no bearer token and nothing else renews one. */
  static boolean hasNoToken(Config config) {
    return isEmpty(token(config))
        && config.getOauthTokenProvider() == null
        && config.getAuthProvider() == null
        && isEmpty(config.getUsername());
  }

  @Override
  public synchronized String getToken() {
    Instant now = clock.instant();
    if (!now.isBefore(nextRead)) {
      nextRead = now.plus(INTERVAL);
      try {
        token = token(reload.get());
      } catch (RuntimeException e) {
        LOG.warn("could not load the Kubernetes configuration again for a token: {}", e.toString());
      }
    }
    return token;
  }

  private static String token(Config config) {
    return isEmpty(config.getOauthToken()) ? config.getAutoOAuthToken() : config.getOauthToken();
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
