package io.fluxrp.agent.sync;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A de-duplicating queue of configuration names, in the manner of client-go's work queue: a name
 * waits at most once; a name being worked on is never handed to a second worker at the same time —
 * added again meanwhile, it waits until {@link #done} and is then queued once more. Delayed adds
 * (retries, resyncs) go through one scheduler thread.
 */
public final class WorkQueue implements AutoCloseable {
  private final ArrayDeque<String> waiting = new ArrayDeque<>();
  private final Set<String> queued = new HashSet<>();
  private final Set<String> working = new HashSet<>();
  private final Set<String> dirtyWhileWorking = new HashSet<>();
  private final ScheduledExecutorService delays;
  private boolean closed;

  public WorkQueue() {
    this.delays =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "fluxrp-agent-queue-delays");
              thread.setDaemon(true);
              return thread;
            });
  }

  public synchronized void add(String key) {
    if (closed) {
      return;
    }
    if (working.contains(key)) {
      dirtyWhileWorking.add(key);
      return;
    }
    if (queued.add(key)) {
      waiting.addLast(key);
      notifyAll();
    }
  }

  public void addAfter(String key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    delays.schedule(() -> add(key), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next key to work on, waiting up to {@code timeout}; empty on timeout or once closed. */
  public synchronized Optional<String> take(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (waiting.isEmpty() && !closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    if (closed) {
      return Optional.empty();
    }
    String key = waiting.removeFirst();
    queued.remove(key);
    working.add(key);
    return Optional.of(key);
  }

  /** Ends the work on {@code key}; queues it again when it was added meanwhile. */
  public synchronized void done(String key) {
    working.remove(key);
    if (dirtyWhileWorking.remove(key)) {
      add(key);
    }
  }

  public synchronized int size() {
    return waiting.size();
  }

  /** Keys waiting or being worked on (none means the queue is idle). */
  public synchronized int pending() {
    return waiting.size() + working.size();
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    delays.shutdownNow();
  }
}
