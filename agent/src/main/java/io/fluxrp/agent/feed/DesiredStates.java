package io.fluxrp.agent.feed;

import io.fluxrp.model.agentapi.DesiredEntry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The desired state of every configuration of the cluster, in memory and in {@link AgentState}. */
public final class DesiredStates {
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
