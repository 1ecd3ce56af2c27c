package io.fluxrp.server.http;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ARM-style request budgets per principal: {@link ThrottleSettings#reads()} reads and {@link
 * ThrottleSettings#writes()} writes per window, each a token bucket that refills continuously (one
 * request every window/limit) up to the full budget. Kept as the bucket's "theoretical arrival
 * time" (GCRA): one long per budget, integer arithmetic, exact under a fixed clock.
 *
 * <p>Memory stays bounded: at {@link #MAX_PRINCIPALS} principals, those whose buckets are full
 * again (idle for a window; forgetting them changes nothing) are dropped, then the longest idle.
 * Thread-safe.
 */
public final class Throttle {
  public static final String REMAINING_READS = "x-ms-ratelimit-remaining-subscription-reads";
  public static final String REMAINING_WRITES = "x-ms-ratelimit-remaining-subscription-writes";
  static final int MAX_PRINCIPALS = 100_000;

  /** Which budget a request spends. */
  public enum Kind {
    READ,
    WRITE
  }

  private final ThrottleSettings settings;
  private final Clock clock;
  private final Map<String, Buckets> principals = new ConcurrentHashMap<>();
  private final int maxPrincipals;

  public Throttle(ThrottleSettings settings, Clock clock) {
    this(settings, clock, MAX_PRINCIPALS);
  }

  Throttle(ThrottleSettings settings, Clock clock, int maxPrincipals) {
    this.settings = settings;
    this.clock = clock;
    this.maxPrincipals = maxPrincipals;
  }

  /**
   * Spends one request of {@code principalId}'s budget and answers the remaining-budget header; 429
   * TooManyRequests with {@code Retry-After} when the budget is exhausted.
   */
  public Map<String, String> admit(String principalId, Kind kind) {
    long now = nanos();
    if (principals.size() >= maxPrincipals && !principals.containsKey(principalId)) {
      evict(now);
    }
    Buckets buckets = principals.computeIfAbsent(principalId, id -> new Buckets(now));
    long limit = kind == Kind.READ ? settings.reads() : settings.writes();
    String header = kind == Kind.READ ? REMAINING_READS : REMAINING_WRITES;
    long outcome = buckets.spend(kind, now, interval(limit), limit);
    if (outcome < 0) {
      long seconds = Math.max(1, (-outcome + 999_999_999L) / 1_000_000_000L);
      throw tooMany(principalId, kind, limit, seconds, header);
    }
    return Map.of(header, Long.toString(outcome));
  }

  /** Principals tracked right now. */
  public int tracked() {
    return principals.size();
  }

  private long interval(long limit) {
    return Math.max(1, settings.window().toNanos() / limit);
  }

  private long nanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private void evict(long now) {
    principals.values().removeIf(b -> b.full(now));
    int excess = principals.size() - maxPrincipals * 9 / 10;
    if (excess > 0) {
      List<String> oldest =
          principals.entrySet().stream()
              .sorted(Comparator.comparingLong(e -> e.getValue().lastSeen()))
              .limit(excess)
              .map(Map.Entry::getKey)
              .toList();
      oldest.forEach(principals::remove);
    }
  }

  private ArmException tooMany(
      String principalId, Kind kind, long limit, long seconds, String header) {
    String what = kind == Kind.READ ? "reads" : "writes";
    return new ArmException(
        ArmErrorCode.TOO_MANY_REQUESTS,
        "The principal '"
            + principalId
            + "' has used its budget of "
            + limit
            + " "
            + what
            + " per "
            + settings.window()
            + "; retry after "
            + seconds
            + " seconds.",
        null,
        List.of(),
        Map.of("Retry-After", Long.toString(seconds), header, "0"));
  }

  /** The read and write buckets of one principal. */
  private static final class Buckets {
    private long readTat;
    private long writeTat;
    private long lastSeen;

    Buckets(long now) {
      readTat = now;
      writeTat = now;
      lastSeen = now;
    }

    /**
     * Spends one request: the remaining budget (≥ 0), or minus the nanoseconds until one request is
     * available again.
     */
    synchronized long spend(Kind kind, long now, long interval, long limit) {
      lastSeen = Math.max(lastSeen, now);
      long tat = Math.max(kind == Kind.READ ? readTat : writeTat, now);
      long tolerance = (limit - 1) * interval;
      if (tat - now > tolerance) {
        return -(tat - now - tolerance);
      }
      long next = tat + interval;
      if (kind == Kind.READ) {
        readTat = next;
      } else {
        writeTat = next;
      }
      return (limit * interval - (next - now)) / interval;
    }

    /** Both budgets complete again: the same as a principal never seen. */
    synchronized boolean full(long now) {
      return readTat <= now && writeTat <= now;
    }

    synchronized long lastSeen() {
      return lastSeen;
    }
  }
}
