package io.fluxrp.server.operations;

import io.fluxrp.server.platform.Time;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background upkeep of operations on a fixed interval: fail those past their deadline, purge those
 * past retention. {@link #runOnce()} does one round on the caller's thread (tests drive it with a
 * controlled clock instead of waiting).
 */
public final class Maintenance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private final OperationEngine engine;
  private final Clock clock;
  private ScheduledExecutorService scheduler;

  public Maintenance(OperationEngine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  public void start(Duration interval) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("operation-maintenance").daemon().factory());
    scheduler.scheduleWithFixedDelay(
        this::runSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One round: returns how many operations timed out. */
  public int runOnce() {
    java.time.Instant now = Time.now(clock);
    int expired = engine.expireDue(now);
    int purged = engine.purgeEnded(now);
    if (expired > 0 || purged > 0) {
      LOG.info("operations: {} timed out, {} purged after retention", expired, purged);
    }
    return expired;
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      LOG.warn("operation maintenance failed; will retry", e);
    }
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        // a round in progress finishes before the store closes under it
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
          scheduler.shutdownNow();
        }
      } catch (InterruptedException e) {
        scheduler.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }
}
