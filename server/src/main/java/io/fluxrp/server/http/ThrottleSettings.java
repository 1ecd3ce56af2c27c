package io.fluxrp.server.http;

import java.time.Duration;

/**
 * Per-principal request budgets, as ARM applies them per subscription: {@code reads} GETs and
 * {@code writes} PUT/PATCH/DELETEs per {@code window}.
 */
public record ThrottleSettings(int reads, int writes, Duration window) {
  /** ARM's documented defaults: 12,000 reads and 1,200 writes per hour. */
  public static final ThrottleSettings ARM_DEFAULTS =
      new ThrottleSettings(12_000, 1_200, Duration.ofHours(1));

  public ThrottleSettings {
    if (reads < 1 || writes < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("throttle budgets and window must be positive");
    }
  }
}
