package io.fluxrp.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature an issuer verified recently, keyed by the exact token text: an RSA check
 * costs more than the rest of a GET, and clients send the same token for an hour. An entry counts
 * for {@link #MEMORY} after the check and only for the issuer that checked it; everything else
 * about the token (audience, expiry, not-before, claims) is still checked on every request. Only
 * verified tokens are remembered, at most {@link #CAPACITY} (then the memory starts afresh).
 */
final class VerifiedSignatures {
  /** How long a verified signature counts (a JWKS key that is withdrawn stops counting by then). */
  static final Duration MEMORY = Duration.ofMinutes(5);

  static final int CAPACITY = 10_000;

  private record Entry(TrustedIssuer issuer, Instant verifiedAt) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;

  VerifiedSignatures(Clock clock) {
    this.clock = clock;
  }

  /** Whether {@code issuer} verified the signature of exactly this token less than MEMORY ago. */
  boolean remembers(String token, TrustedIssuer issuer) {
    Entry entry = entries.get(token);
    if (entry == null) {
      return false;
    }
    Instant now = clock.instant();
    boolean fresh =
        !now.isBefore(entry.verifiedAt()) && now.isBefore(entry.verifiedAt().plus(MEMORY));
    if (entry.issuer() != issuer || !fresh) {
      entries.remove(token, entry);
      return false;
    }
    return true;
  }

  /** Records that {@code issuer} has just verified the signature of {@code token}. */
  void remember(String token, TrustedIssuer issuer) {
    if (entries.size() >= CAPACITY) {
      entries.clear();
    }
    entries.put(token, new Entry(issuer, clock.instant()));
  }

  int size() {
    return entries.size();
  }
}
