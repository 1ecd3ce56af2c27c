package io.fluxrp.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.server.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A verified token is remembered for {@link VerifiedTokens#MEMORY} (the RSA check and parsing the
 * token were the largest costs of a GET), but expiry still counts on every request and refused
 * tokens are never remembered.
 */
class SignatureMemoryTest {
  private static final EmbeddedIssuer KEY = EmbeddedIssuer.generate(Clock.systemUTC());

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
  private final EmbeddedIssuer issuer = KEY.withClock(clock);
  private final AtomicInteger checks = new AtomicInteger();
  private final TokenAuthenticator authenticator =
      new TokenAuthenticator(List.of(counting(issuer)), clock);

  @Test
  void aTokenIsVerifiedOnceWithinTheMemory() {
    String token = issuer.mintAdmin(Duration.ofHours(1));

    for (int i = 0; i < 3; i++) {
      assertThat(authenticator.authenticate("Bearer " + token).id())
          .isEqualTo(EmbeddedIssuer.ADMIN_ID);
    }

    assertThat(checks).hasValue(1);
  }

  @Test
  void itIsVerifiedAgainOnceTheMemoryIsOver() {
    String token = issuer.mintAdmin(Duration.ofHours(1));
    authenticator.authenticate("Bearer " + token);

    clock.advance(VerifiedTokens.MEMORY);
    authenticator.authenticate("Bearer " + token);

    assertThat(checks).hasValue(2);
  }

  @Test
  void expiryStillCountsForARememberedToken() {
    String token = issuer.mintAdmin(Duration.ofMinutes(1));
    authenticator.authenticate("Bearer " + token);

    clock.advance(Duration.ofMinutes(1).plus(TokenAuthenticator.CLOCK_SKEW));
    ArmException e =
        catchThrowableOfType(
            ArmException.class, () -> authenticator.authenticate("Bearer " + token));

    assertThat(e.code()).isEqualTo(ArmErrorCode.EXPIRED_AUTHENTICATION_TOKEN);
  }

  @Test
  void refusedSignaturesAreNotRemembered() {
    String token = issuer.mintAdmin(Duration.ofHours(1));
    String[] parts = token.split("\\.");
    char c = parts[2].charAt(10);
    String tampered =
        parts[0]
            + "."
            + parts[1]
            + "."
            + parts[2].substring(0, 10)
            + (c == 'A' ? 'B' : 'A')
            + parts[2].substring(11);

    for (int i = 0; i < 2; i++) {
      ArmException e =
          catchThrowableOfType(
              ArmException.class, () -> authenticator.authenticate("Bearer " + tampered));
      assertThat(e.code()).isEqualTo(ArmErrorCode.INVALID_AUTHENTICATION_TOKEN);
    }

    assertThat(checks).hasValue(2);
  }

  @Test
  void theMemoryIsBounded() {
    VerifiedTokens memory = new VerifiedTokens(clock);
    VerifiedTokens.Verified verified =
        new VerifiedTokens.Verified(
            issuer,
            new JWTClaimsSet.Builder().build(),
            new Principal("admin", "admin", PrincipalType.User));
    for (int i = 0; i <= VerifiedTokens.CAPACITY; i++) {
      memory.remember("token-" + i, verified);
    }

    assertThat(memory.size()).isLessThanOrEqualTo(VerifiedTokens.CAPACITY);
    assertThat(memory.recall("token-" + VerifiedTokens.CAPACITY)).isSameAs(verified);
    assertThat(memory.recall("token-0")).isNull();
  }

  /** {@code delegate}, counting its signature checks. */
  private TrustedIssuer counting(EmbeddedIssuer delegate) {
    return new TrustedIssuer() {
      @Override
      public String issuer() {
        return delegate.issuer();
      }

      @Override
      public Set<String> audiences() {
        return delegate.audiences();
      }

      @Override
      public boolean grantsRoles() {
        return delegate.grantsRoles();
      }

      @Override
      public void verifySignature(SignedJWT jwt) throws Rejected {
        checks.incrementAndGet();
        delegate.verifySignature(jwt);
      }
    };
  }
}
