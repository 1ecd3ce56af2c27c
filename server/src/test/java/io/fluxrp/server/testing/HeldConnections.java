package io.fluxrp.server.testing;

import io.fluxrp.server.store.Database;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Pooled connections of a {@link Database} held by read transactions that wait until {@link
 * #close()}: the pool as a busy server would leave it.
 */
public final class HeldConnections implements AutoCloseable {
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService holders;

  private HeldConnections(int count) {
    holders = Executors.newFixedThreadPool(count);
  }

  /** Takes {@code count} connections of {@code database}; returns once all are held. */
  public static HeldConnections take(Database database, int count) throws InterruptedException {
    HeldConnections held = new HeldConnections(count);
    CountDownLatch holding = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      held.holders.submit(() -> database.read(tx -> held.holdUntilClosed(holding)));
    }
    if (!holding.await(10, TimeUnit.SECONDS)) {
      held.close();
      throw new AssertionError("could not take " + count + " connections within 10 s");
    }
    return held;
  }

  private Void holdUntilClosed(CountDownLatch holding) {
    holding.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  /** Ends the transactions and waits until their connections are back in the pool. */
  @Override
  public void close() throws InterruptedException {
    release.countDown();
    holders.shutdown();
    if (!holders.awaitTermination(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the held connections were not given back within 10 s");
    }
  }
}
