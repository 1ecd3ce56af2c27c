package io.fluxrp.server.operations;

import io.fluxrp.server.platform.Time;
import io.fluxrp.server.store.StoreBusyException;
import io.fluxrp.server.store.StoreUnavailableException;
import io.fluxrp.server.store.WorkLeases;
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
 *
 * <p>With several server instances on one database, a scheduled round runs on the instance that
 * holds the {@value #LEASE} lease (a round is safe anywhere — every expiry re-checks its operation
 * under a row lock — but one instance doing it is enough). The lease lasts three intervals, so
 * another instance takes over within that time when the holder dies.
 */
public final class Maintenance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  static final String LEASE = "operation-maintenance";

  private final OperationEngine engine;
  private final Clock clock;
  private final WorkLeases leases;
  private ScheduledExecutorService scheduler;
  private Duration leaseTtl;

  public Maintenance(OperationEngine engine, Clock clock, WorkLeases leases) {
    this.engine = engine;
    this.clock = clock;
    this.leases = leases;
  }

  public void start(Duration interval) {
    leaseTtl = interval.multipliedBy(3);
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
      if (leases.tryAcquire(LEASE, leaseTtl)) {
        runOnce();
      }
    } catch (StoreUnavailableException | StoreBusyException e) {
      LOG.warn(
          "operation maintenance skipped, the database is unavailable or busy: {}", e.getMessage());
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
