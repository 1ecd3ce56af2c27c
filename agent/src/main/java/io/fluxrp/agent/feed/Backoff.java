package io.fluxrp.agent.feed;

import java.time.Duration;

/** Doubling waits between retries, up to a ceiling. */
public final class Backoff {
  private Backoff() {}

  public static Duration next(Duration current, Duration ceiling) {
    Duration doubled = current.multipliedBy(2);
    return doubled.compareTo(ceiling) > 0 ? ceiling : doubled;
  }
}
