package io.fluxrp.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Work on the indexes 0 … count-1 spread over platform threads that each take the next one. */
final class Spread {
  private Spread() {}

  /**
   * Runs {@code work} for every index on {@code threads} threads named {@code name}-n; the time.
   */
  static Duration run(String name, int threads, int count, IntConsumer work)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Thread> workers = new ArrayList<>();
    long started = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      workers.add(
          Thread.ofPlatform()
              .name(name + "-" + t)
              .start(
                  () -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                      work.accept(i);
                    }
                  }));
    }
    for (Thread worker : workers) {
      worker.join();
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
