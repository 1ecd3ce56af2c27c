package io.fluxrp.server.platform;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as the server stores and returns them: UTC, millisecond precision. */
public final class Time {
  private Time() {}

  public static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
