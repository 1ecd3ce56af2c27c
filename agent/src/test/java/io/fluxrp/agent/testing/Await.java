package io.fluxrp.agent.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls for an asynchronous effect until it shows or a deadline passes; never a fixed sleep. */
public final class Await {

  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(10);

  private Await() {}

  /** Waits up to {@link #TIMEOUT} until {@code condition} holds; fails naming {@code what}. */
  public static void until(String what, BooleanSupplier condition) {
    value(what, () -> condition.getAsBoolean(), Boolean::booleanValue);
  }

  /**
   * Waits up to {@link #TIMEOUT} until {@code probe} gives a value that {@code done} accepts and
   * returns it; fails with the last value seen.
   */
  public static <T> T value(String what, Supplier<T> probe, Predicate<? super T> done) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      T value = probe.get();
      if (done.test(value)) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + TIMEOUT + " waiting for " + what + "; last: " + value);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }
}
