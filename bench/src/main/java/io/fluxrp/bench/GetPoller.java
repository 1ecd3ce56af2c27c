package io.fluxrp.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * GETs one configuration every {@link #INTERVAL} on a thread of its own until its {@code
 * complianceState} is the one expected; the time (System.nanoTime) the answer showing it arrived.
 */
final class GetPoller implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMillis(5);

  private final CompletableFuture<Long> shown = new CompletableFuture<>();
  private final Thread thread;
  private volatile boolean running = true;

  private GetPoller(ArmHttp arm, String path, String complianceState) {
    thread =
        Thread.ofPlatform()
            .daemon()
            .name("fluxrp-bench-get-poller")
            .start(
                () -> {
                  try {
                    while (running) {
                      String got =
                          arm.get(path)
                              .expect(200)
                              .json()
                              .at("/properties/complianceState")
                              .asText();
                      if (got.equals(complianceState)) {
                        shown.complete(System.nanoTime());
                        return;
                      }
                      LockSupport.parkNanos(INTERVAL.toNanos());
                    }
                  } catch (RuntimeException e) {
                    shown.completeExceptionally(e);
                  }
                });
  }

  static GetPoller start(ArmHttp arm, String path, String complianceState) {
    return new GetPoller(arm, path, complianceState);
  }

  long await(Duration timeout) throws Exception {
    return shown.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
