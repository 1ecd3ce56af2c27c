package io.fluxrp.agent.feed;

import io.fluxrp.model.agentapi.DesiredEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/** The desired state of every configuration of the cluster, in memory and in {@link AgentState}. */
public final class DesiredStates {
  /** How many desired states {@link #putAll} writes at a time. */
  static final int WRITERS = 8;

  private final AgentState state;
  private final Map<String, DesiredEntry> entries = new ConcurrentHashMap<>();

  public DesiredStates(AgentState state) {
    this.state = state;
  }

  /** Loads what the last run stored. */
  public void load() {
    entries.clear();
    entries.putAll(state.desiredStates());
  }

  public Optional<DesiredEntry> get(String name) {
    return Optional.ofNullable(entries.get(name));
  }

  public Set<String> names() {
    return Set.copyOf(entries.keySet());
  }

  /** Stores {@code entry}; false (and no write) when the same entry is stored already. */
  public boolean put(DesiredEntry entry) {
    DesiredEntry known = entries.get(entry.name());
    if (known != null && sameDesire(known, entry)) {
      return false;
    }
    state.saveDesired(entry);
    entries.put(entry.name(), entry);
    return true;
  }

  /**
   * Stores {@code entries} as {@link #put} does, up to {@link #WRITERS} at a time (those of one
   * name in their order), and calls {@code stored} with the name of each one written as soon as it
   * is stored. Returns once every write has ended; the first failure is thrown then.
   */
  public void putAll(List<DesiredEntry> entries, Consumer<String> stored) {
    Map<String, List<DesiredEntry>> byName = new LinkedHashMap<>();
    entries.forEach(e -> byName.computeIfAbsent(e.name(), n -> new ArrayList<>()).add(e));
    Semaphore slots = new Semaphore(WRITERS);
    List<Future<?>> writes = new ArrayList<>();
    try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (List<DesiredEntry> sameName : byName.values()) {
        writes.add(writers.submit(() -> putInTurn(sameName, stored, slots)));
      }
    }
    RuntimeException failure = null;
    for (Future<?> write : writes) {
      failure = firstFailure(failure, write);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private Void putInTurn(List<DesiredEntry> sameName, Consumer<String> stored, Semaphore slots)
      throws InterruptedException {
    slots.acquire();
    try {
      for (DesiredEntry entry : sameName) {
        if (put(entry)) {
          stored.accept(entry.name());
        }
      }
      return null;
    } finally {
      slots.release();
    }
  }

  private static RuntimeException firstFailure(RuntimeException first, Future<?> write) {
    try {
      write.get();
      return first;
    } catch (ExecutionException e) {
      RuntimeException failure =
          e.getCause() instanceof RuntimeException runtime
              ? runtime
              : new IllegalStateException("storing a desired state failed", e.getCause());
      if (first == null) {
        return failure;
      }
      first.addSuppressed(failure);
      return first;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing desired states", e);
    }
  }

  /** Forgets a configuration whose deletion is done. */
  public void remove(String name) {
    state.removeDesired(name);
    entries.remove(name);
  }

  /** Marks a configuration the server no longer lists as force-deleted (clean up, then report). */
  public void forget(String name) {
    DesiredEntry known = entries.get(name);
    if (known != null && !known.forceDeleted()) {
      put(
          new DesiredEntry(
              known.name(),
              known.resourceId(),
              known.seq(),
              known.generation(),
              known.operationId(),
              true,
              true,
              known.properties(),
              known.reportedGeneration()));
    }
  }

  private static boolean sameDesire(DesiredEntry a, DesiredEntry b) {
    return a.generation() == b.generation()
        && a.deleted() == b.deleted()
        && a.forceDeleted() == b.forceDeleted()
        && java.util.Objects.equals(a.operationId(), b.operationId())
        && java.util.Objects.equals(a.properties(), b.properties());
  }
}
