package io.fluxrp.server.agentapi;

import io.fluxrp.server.clusters.ClusterChangeSignal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where long-polling feed requests wait for their cluster's next change: one future per cluster,
 * completed and replaced when a change commits. A waiting request parks its virtual thread on the
 * future, so it holds neither a platform thread nor a database connection.
 */
final class FeedWaiters implements AutoCloseable {
  private final ConcurrentMap<String, CompletableFuture<Void>> next = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile boolean closed;

  FeedWaiters(ClusterChangeSignal signal) {
    signal.subscribe(this::changed);
    signal.subscribeToEverything(this::changedAll);
  }

  /** Completes when the cluster next changes; take it before reading, so no change slips by. */
  CompletableFuture<Void> nextChange(String clusterKey) {
    CompletableFuture<Void> change =
        next.computeIfAbsent(clusterKey, k -> new CompletableFuture<>());
    if (closed) {
      change.complete(null);
    }
    return change;
  }

  /** Waits up to {@code nanos} for {@code change}; false when the time ran out first. */
  boolean await(CompletableFuture<Void> change, long nanos) {
    waiting.incrementAndGet();
    try {
      change.get(nanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a change signal never fails", e);
    } finally {
      waiting.decrementAndGet();
    }
  }

  int waiting() {
    return waiting.get();
  }

  boolean closed() {
    return closed;
  }

  private void changed(String clusterKey) {
    CompletableFuture<Void> change = next.remove(clusterKey);
    if (change != null) {
      change.complete(null);
    }
  }

  /** Wakes every waiting request: each reads its feed again. */
  private void changedAll() {
    next.keySet().forEach(this::changed);
  }

  /** Wakes every waiting request (they answer with what they have) and stops further waits. */
  @Override
  public void close() {
    closed = true;
    changedAll();
  }
}
