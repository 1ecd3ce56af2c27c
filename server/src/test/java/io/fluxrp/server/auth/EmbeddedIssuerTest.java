package io.fluxrp.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fluxrp.server.testing.MutableClock;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedIssuerTest {

  private static final Instant T0 = Instant.parse("2026-11-24T04:10:50.789Z");

  /** RSA keys take a while to generate: one for the tests that need no key file. */
  private static final EmbeddedIssuer KEY = EmbeddedIssuer.generate(Clock.systemUTC());

  @TempDir Path tmp;

  private final MutableClock clock = new MutableClock(T0);

  @Test
  void createsTheKeyFileWithMode0600() throws Exception {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
    Path dataDir = tmp.resolve("data/dir");

    EmbeddedIssuer.loadOrCreate(dataDir, clock);

    Path file = dataDir.resolve(EmbeddedIssuer.KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
        .isEqualTo("rwx------");
    try (var files = Files.list(dataDir)) {
      assertThat(files).containsExactly(file); // no temp file left behind
    }
  }

  @Test
  void keyIsReusedAcrossRestarts() {
    EmbeddedIssuer first = EmbeddedIssuer.loadOrCreate(tmp, clock);
    String token = first.mintAdmin(Duration.ofHours(24));

    EmbeddedIssuer second = EmbeddedIssuer.loadOrCreate(tmp, clock);

    assertThat(second.keyId()).isEqualTo(first.keyId());
    assertThat(second.publicJwk()).isEqualTo(first.publicJwk());
    assertThat(new TokenAuthenticator(second).authenticate("Bearer " + token).id())
        .isEqualTo(EmbeddedIssuer.ADMIN_ID);
  }

  @Test
  void anotherDataDirHasAnotherKey() {
    EmbeddedIssuer a = EmbeddedIssuer.loadOrCreate(tmp.resolve("a"), clock);
    EmbeddedIssuer b = EmbeddedIssuer.loadOrCreate(tmp.resolve("b"), clock);

    assertThat(a.keyId()).isNotEqualTo(b.keyId());
    assertThatThrownBy(
            () ->
                new TokenAuthenticator(b)
                    .authenticate("Bearer " + a.mintAdmin(Duration.ofHours(1))))
        .hasMessageContaining("unknown signing key");
  }

  @Test
  void concurrentFirstUseEndsWithOneKey() throws Exception {
    Path dataDir = tmp.resolve("race");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<String>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> EmbeddedIssuer.loadOrCreate(dataDir, clock).keyId());
      }
      Set<String> kids = new HashSet<>();
      for (Future<String> f : pool.invokeAll(calls)) {
        kids.add(f.get());
      }
      // everybody got the key that is stored, and nothing else is left behind
      assertThat(kids).containsExactly(EmbeddedIssuer.loadOrCreate(dataDir, clock).keyId());
      try (var files = Files.list(dataDir)) {
        assertThat(files).containsExactly(dataDir.resolve(EmbeddedIssuer.KEY_FILE));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void mintedClaims() throws Exception {
    EmbeddedIssuer issuer = KEY.withClock(clock);

    SignedJWT user =
        SignedJWT.parse(
            issuer.mint("u-1", "alice@example.com", PrincipalType.User, Duration.ofMinutes(90)));
    SignedJWT app =
        SignedJWT.parse(
            issuer.mint("sp-1", "client-1", PrincipalType.Application, Duration.ofHours(1)));

    assertThat(user.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(user.getHeader().getKeyID()).isEqualTo(issuer.keyId());
    JWTClaimsSet c = user.getJWTClaimsSet();
    Instant now = Instant.parse("2026-11-24T04:10:50Z");
    assertThat(c.getIssuer()).isEqualTo(EmbeddedIssuer.ISSUER);
    assertThat(c.getAudience()).containsExactly(EmbeddedIssuer.AUDIENCE);
    assertThat(c.getSubject()).isEqualTo("u-1");
    assertThat(c.getStringClaim("oid")).isEqualTo("u-1");
    assertThat(c.getIssueTime()).isEqualTo(Date.from(now));
    assertThat(c.getNotBeforeTime()).isEqualTo(Date.from(now));
    assertThat(c.getExpirationTime()).isEqualTo(Date.from(now.plus(Duration.ofMinutes(90))));
    assertThat(c.getStringClaim("idtyp")).isEqualTo("user");
    assertThat(c.getStringClaim("upn")).isEqualTo("alice@example.com");
    assertThat(c.getStringClaim("unique_name")).isEqualTo("alice@example.com");
    assertThat(c.getClaim("appid")).isNull();

    JWTClaimsSet a = app.getJWTClaimsSet();
    assertThat(a.getStringClaim("idtyp")).isEqualTo("app");
    assertThat(a.getStringClaim("appid")).isEqualTo("client-1");
    assertThat(a.getClaim("upn")).isNull();
    assertThat(a.getJWTID()).isNotEqualTo(c.getJWTID());
  }

  @Test
  void mintRefusesWhatItCannotRepresent() {
    EmbeddedIssuer issuer = KEY.withClock(clock);

    assertThatThrownBy(() -> issuer.mintAdmin(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> issuer.mint("a", "b", PrincipalType.Key, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> issuer.mint(" ", "b", PrincipalType.User, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void dataDirThatIsAFileIsReported() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");

    assertThatThrownBy(() -> EmbeddedIssuer.loadOrCreate(file, clock))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot use data directory " + file)
        .hasMessageContaining("not a directory");
    assertThatThrownBy(() -> EmbeddedIssuer.loadOrCreate(file.resolve("below"), clock))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void corruptKeyFileIsReported() throws Exception {
    Files.writeString(tmp.resolve(EmbeddedIssuer.KEY_FILE), "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}");

    assertThatThrownBy(() -> EmbeddedIssuer.loadOrCreate(tmp, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("does not hold a private RSA key");

    Files.writeString(tmp.resolve(EmbeddedIssuer.KEY_FILE), "not json");
    assertThatThrownBy(() -> EmbeddedIssuer.loadOrCreate(tmp, clock))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is not a valid JWK");
  }

  @Test
  void publicJwkHasNoPrivatePart() {
    EmbeddedIssuer issuer = KEY.withClock(clock);

    assertThat(issuer.publicJwk().isPrivate()).isFalse();
    assertThat(issuer.publicJwk().getKeyID()).isEqualTo(issuer.keyId());
  }
}
