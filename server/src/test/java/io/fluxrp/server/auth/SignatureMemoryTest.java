package io.fluxrp.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
 * A verified signature is remembered for {@link VerifiedSignatures#MEMORY} (the RSA check was the
 * largest cost of a GET), and nothing else about a token is: expiry still counts on every request,
 * refused signatures are never remembered.
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

    clock.advance(VerifiedSignatures.MEMORY);
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
    VerifiedSignatures memory = new VerifiedSignatures(clock);
    for (int i = 0; i <= VerifiedSignatures.CAPACITY; i++) {
      memory.remember("token-" + i, issuer);
    }

    assertThat(memory.size()).isLessThanOrEqualTo(VerifiedSignatures.CAPACITY);
    assertThat(memory.remembers("token-" + VerifiedSignatures.CAPACITY, issuer)).isTrue();
    assertThat(memory.remembers("token-" + VerifiedSignatures.CAPACITY, counting(issuer)))
        .as("only for the issuer that verified it")
        .isFalse();
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
