package io.fluxrp.agent.feed;

import io.fluxrp.model.agentapi.DesiredPage;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the cluster's desired-state feed: long-polls, stores a page's entries (several at a time,
 * the work queue told of each as soon as it is stored), then the new position. A snapshot (first
 * start, or a position the server no longer knows) also retires configurations it does not list.
 */
public final class FeedLoop implements Runnable {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final int PAGE = 500;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(FeedLoop.class);

  private final ServerClient server;
  private final AgentState state;
  private final DesiredStates desired;
  private final Consumer<String> changed;
  private final int pageSize;
  private final Set<String> snapshotNames = new HashSet<>();
  private boolean inSnapshot;
  private volatile boolean running = true;
  private volatile boolean answered;
  private volatile Thread thread;

  public FeedLoop(
      ServerClient server, AgentState state, DesiredStates desired, Consumer<String> changed) {
    this(server, state, desired, changed, PAGE);
  }

  FeedLoop(
      ServerClient server,
      AgentState state,
      DesiredStates desired,
      Consumer<String> changed,
      int pageSize) {
    this.pageSize = pageSize;
    this.server = server;
    this.state = state;
    this.desired = desired;
    this.changed = changed;
  }

  /** True once the server has answered at least once. */
  public boolean answered() {
    return answered;
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    long since = state.position();
    boolean more = false;
    Duration backoff = Duration.ofSeconds(1);
    while (running) {
      try {
        // the first poll answers at once: readiness means the server has been heard from
        DesiredPage page =
            server.desired(since, more || !answered ? Duration.ZERO : WAIT, pageSize);
        apply(page);
        // inside a snapshot the position is kept where it was: a restart redoes the whole snapshot
        if (page.seq() != since && !inSnapshot) {
          state.savePosition(page.seq());
        }
        since = page.seq();
        more = page.more();
        answered = true;
        backoff = Duration.ofSeconds(1);
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("desired-state feed: {} (next try in {} s)", e.getMessage(), backoff.toSeconds());
        pause(backoff);
        backoff = Backoff.next(backoff, MAX_BACKOFF);
      }
    }
  }

  /** Stores the page's entries; a snapshot spans its first page and the {@code more} after it. */
  private void apply(DesiredPage page) {
    if (page.snapshot()) {
      snapshotNames.clear();
      inSnapshot = true;
    }
    desired.putAll(page.entries(), changed);
    if (inSnapshot) {
      page.entries().forEach(entry -> snapshotNames.add(entry.name()));
    }
    if (inSnapshot && !page.more()) {
      retireUnlisted();
      inSnapshot = false;
    }
  }

  private void retireUnlisted() {
    for (String name : desired.names()) {
      if (!snapshotNames.contains(name)) {
        desired.forget(name);
        changed.accept(name);
      }
    }
    snapshotNames.clear();
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops polling; a poll in flight is interrupted. */
  public void stop() {
    running = false;
    Thread current = thread;
    if (current != null) {
      current.interrupt();
    }
  }
}
