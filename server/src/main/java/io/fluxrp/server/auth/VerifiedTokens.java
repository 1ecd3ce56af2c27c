package io.fluxrp.server.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature an issuer verified recently, keyed by the exact token text, with what was
 * read from them: an RSA check costs more than the rest of a GET, parsing the token and its claims
 * about as much as reading the configuration, and clients send the same token for an hour. An entry
 * counts for {@link #MEMORY} after the check; audience, expiry and not-before are still checked on
 * every request (against the remembered claims). Only verified tokens are remembered, at most
 * {@link #CAPACITY} (then the memory starts afresh).
 */
final class VerifiedTokens {
  /** How long a verified signature counts (a JWKS key that is withdrawn stops counting by then). */
  static final Duration MEMORY = Duration.ofMinutes(5);

  static final int CAPACITY = 10_000;

  /** A token whose signature {@code issuer} verified, its claims and the principal they name. */
  record Verified(TrustedIssuer issuer, JWTClaimsSet claims, Principal principal) {}

  private record Entry(Verified token, Instant verifiedAt) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Clock clock;

  VerifiedTokens(Clock clock) {
    this.clock = clock;
  }

  /** What was verified of exactly this token less than MEMORY ago, or null. */
  Verified recall(String token) {
    Entry entry = entries.get(token);
    if (entry == null) {
      return null;
    }
    Instant now = clock.instant();
    boolean fresh =
        !now.isBefore(entry.verifiedAt()) && now.isBefore(entry.verifiedAt().plus(MEMORY));
    if (!fresh) {
      entries.remove(token, entry);
      return null;
    }
    return entry.token();
  }

  /** Records that the signature of {@code token} has just been verified. */
  void remember(String token, Verified verified) {
    if (entries.size() >= CAPACITY) {
      entries.clear();
    }
    entries.put(token, new Entry(verified, clock.instant()));
  }

  int size() {
    return entries.size();
  }
}
