package io.fluxrp.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.http.Throttle.Kind;
import io.fluxrp.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-principal budgets, under a clock the test moves. */
class ThrottleTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Throttle throttle =
      new Throttle(new ThrottleSettings(4, 2, Duration.ofMinutes(1)), clock);

  private String reads(String principal) {
    return throttle.admit(principal, Kind.READ).get(Throttle.REMAINING_READS);
  }

  private ArmException refusal(String principal, Kind kind) {
    try {
      throttle.admit(principal, kind);
    } catch (ArmException e) {
      return e;
    }
    throw new AssertionError("not throttled");
  }

  @Test
  void theRemainingBudgetCountsDownThenTheRequestIsRefusedWithRetryAfter() {
    assertThat(reads("p")).isEqualTo("3");
    assertThat(reads("p")).isEqualTo("2");
    assertThat(reads("p")).isEqualTo("1");
    assertThat(reads("p")).isEqualTo("0");

    ArmException e = refusal("p", Kind.READ);

    assertThat(e.code()).isEqualTo(ArmErrorCode.TOO_MANY_REQUESTS);
    assertThat(e.code().httpStatus()).isEqualTo(429);
    assertThat(e.headers())
        .containsEntry("Retry-After", "15")
        .containsEntry(Throttle.REMAINING_READS, "0");
    assertThat(e.getMessage()).contains("'p'").contains("4 reads per PT1M");
  }

  @Test
  void theBudgetRefillsContinuouslyUpToTheFullBudget() {
    for (int i = 0; i < 4; i++) {
      reads("p");
    }
    clock.advance(Duration.ofSeconds(10));
    assertThat(refusal("p", Kind.READ).headers()).containsEntry("Retry-After", "5");

    clock.advance(Duration.ofSeconds(5));
    assertThat(reads("p")).isEqualTo("0");

    clock.advance(Duration.ofHours(1));
    assertThat(reads("p")).as("never more than the budget").isEqualTo("3");
  }

  @Test
  void readsWritesAndPrincipalsHaveSeparateBudgets() {
    throttle.admit("p", Kind.WRITE);
    throttle.admit("p", Kind.WRITE);
    assertThat(refusal("p", Kind.WRITE).headers())
        .containsEntry("Retry-After", "30")
        .containsEntry(Throttle.REMAINING_WRITES, "0");

    assertThat(reads("p")).isEqualTo("3");
    assertThat(throttle.admit("q", Kind.WRITE)).containsEntry(Throttle.REMAINING_WRITES, "1");
  }

  @Test
  void idlePrincipalsAreForgottenSoMemoryStaysBounded() {
    Throttle small = new Throttle(new ThrottleSettings(4, 2, Duration.ofMinutes(1)), clock, 10);
    for (int i = 0; i < 10; i++) {
      small.admit("idle-" + i, Kind.READ);
    }
    clock.advance(Duration.ofMinutes(1));
    small.admit("busy", Kind.READ);
    assertThat(small.tracked()).as("the idle ones were full again: dropped").isEqualTo(1);

    for (int i = 0; i < 1_000; i++) {
      small.admit("active-" + i, Kind.READ);
    }
    assertThat(small.tracked()).isLessThanOrEqualTo(10);
  }

  @Test
  void settingsMustBePositive() {
    assertThatThrownBy(() -> new ThrottleSettings(0, 1, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ThrottleSettings(1, 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
