package io.fluxrp.agent.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed pool of loop threads taking configuration names from the {@link WorkQueue} (which keeps
 * one configuration with one thread at a time) and running the {@link Reconciler} on them.
 */
public final class Workers implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

  private final WorkQueue queue;
  private final Reconciler reconciler;
  private final Set<String> forced = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean running = true;

  Workers(WorkQueue queue, Reconciler reconciler, int count) {
    this.queue = queue;
    this.reconciler = reconciler;
    for (int i = 0; i < count; i++) {
      Thread thread = new Thread(this::loop, "fluxrp-agent-worker-" + i);
      thread.setDaemon(true);
      threads.add(thread);
    }
  }

  void start() {
    threads.forEach(Thread::start);
  }

  /** Queues {@code name} for a pass that applies even when nothing seems to have changed. */
  void resync(String name) {
    forced.add(name);
    queue.add(name);
  }

  boolean alive() {
    return threads.stream().allMatch(Thread::isAlive);
  }

  private void loop() {
    while (running) {
      Optional<String> next;
      try {
        next = queue.take(POLL);
      } catch (InterruptedException e) {
        return;
      }
      next.ifPresent(this::work);
    }
  }

  private void work(String name) {
    try {
      ReconcileResult result = reconciler.reconcile(name, forced.remove(name));
      if (result.retryAfter() != null) {
        queue.addAfter(name, result.retryAfter());
      }
    } catch (RuntimeException e) {
      LOG.error("{}: unexpected failure, retrying in 30 s", name, e);
      queue.addAfter(name, Duration.ofSeconds(30));
    } finally {
      queue.done(name);
    }
  }

  /** Lets passes in flight finish (up to {@code grace}), then stops the threads. */
  void stop(Duration grace) {
    running = false;
    long deadline = System.nanoTime() + grace.toNanos();
    for (Thread thread : threads) {
      try {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    threads.forEach(Thread::interrupt);
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
