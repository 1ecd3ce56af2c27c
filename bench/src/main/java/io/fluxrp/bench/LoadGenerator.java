package io.fluxrp.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A small HTTP/1.1 load generator on virtual threads, one keep-alive socket per worker. Open loop:
 * requests are due at a fixed arrival rate and each latency counts from the time it was due (so a
 * stalled server is not hidden by the generator waiting for it). Closed loop: each worker sends its
 * next request as soon as the last is answered, for throughput.
 */
final class LoadGenerator {
  private final int port;
  private final IntFunction<byte[]> requests;

  /** {@code requests} builds request number i (e.g. a PUT of a new name each time). */
  LoadGenerator(int port, IntFunction<byte[]> requests) {
    this.port = port;
    this.requests = requests;
  }

  /** Fixed arrival rate for {@code duration} over {@code connections} workers. */
  Result openLoop(int perSecond, Duration duration, int connections) throws InterruptedException {
    int total = (int) (perSecond * duration.toMillis() / 1000);
    long interval = 1_000_000_000L / perSecond;
    long[] latencies = new long[total];
    AtomicInteger next = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime() + 10_000_000;
    run(
        connections,
        connection -> {
          for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
              LockSupport.parkNanos(wait);
            }
            latencies[i] = send(connection, i, errors) ? System.nanoTime() - due : -1;
          }
        });
    return Result.of(latencies, System.nanoTime() - start, errors.get());
  }

  /** As fast as {@code connections} workers go, for {@code duration}. */
  Result closedLoop(Duration duration, int connections) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    AtomicInteger next = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    List<long[]> perWorker = java.util.Collections.synchronizedList(new ArrayList<>());
    long start = System.nanoTime();
    run(
        connections,
        connection -> {
          long[] mine = new long[1 << 16];
          int n = 0;
          while (System.nanoTime() < end) {
            long sent = System.nanoTime();
            boolean ok = send(connection, next.getAndIncrement(), errors);
            if (n == mine.length) {
              mine = java.util.Arrays.copyOf(mine, n * 2);
            }
            mine[n++] = ok ? System.nanoTime() - sent : -1;
          }
          perWorker.add(java.util.Arrays.copyOf(mine, n));
        });
    long[] all = perWorker.stream().flatMapToLong(java.util.Arrays::stream).toArray();
    return Result.of(all, System.nanoTime() - start, errors.get());
  }

  private boolean send(Connection connection, int i, AtomicLong errors) {
    try {
      int status = connection.exchange(requests.apply(i));
      if (status < 400) {
        return true;
      }
    } catch (IOException e) {
      // counted below
    }
    errors.incrementAndGet();
    return false;
  }

  private interface Worker {
    void run(Connection connection);
  }

  private void run(int connections, Worker worker) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Connection connection = new Connection(port)) {
                      worker.run(connection);
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** Latencies (ns, failures excluded), requests per second achieved, failures. */
  record Result(long[] sorted, double perSecond, long errors) {
    static Result of(long[] latencies, long elapsedNanos, long errors) {
      long[] ok = java.util.Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
      return new Result(ok, latencies.length * 1e9 / elapsedNanos, errors);
    }

    double percentileMillis(double p) {
      if (sorted.length == 0) {
        return Double.NaN;
      }
      int at = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
      return sorted[Math.max(0, at)] / 1e6;
    }

    String summary() {
      return String.format(
          "%.0f req/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms, errors %d",
          perSecond,
          percentileMillis(50),
          percentileMillis(99),
          percentileMillis(99.9),
          percentileMillis(100),
          errors);
    }
  }
}
