package io.fluxrp.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxrp.server.fluxconfig.ConfigKey;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The AES-256-GCM envelope of secrets at rest. */
class SecretCipherTest {
  private static final String SECRET =
      "{\"configurationProtectedSettings\":{\"k\":\"s3cr3t-value\"}}";
  private static final ConfigKey ROW = new ConfigKey("/subscriptions/s/c1", "cfg1");
  private static final ConfigKey OTHER_ROW = new ConfigKey("/subscriptions/s/c1", "cfg2");

  private final KeyRing ring = KeyRing.generate(Clock.systemUTC());
  private final SecretCipher cipher = new SecretCipher(ring);

  @Test
  void sealsWithTheNewestKeyAndOpensAgain() {
    String sealed = cipher.seal(ROW, SECRET);

    assertThat(sealed).startsWith("v1:" + ring.current().id() + ":").doesNotContain("s3cr3t");
    assertThat(SecretCipher.keyIdOf(sealed)).contains(ring.current().id());
    assertThat(cipher.open(ROW, sealed)).isEqualTo(SECRET);
    assertThat(cipher.isCurrent(sealed)).isTrue();
  }

  @Test
  void everySealUsesAFreshNonce() {
    assertThat(cipher.seal(ROW, SECRET)).isNotEqualTo(cipher.seal(ROW, SECRET));
  }

  @Test
  void afterANewKeyNewValuesUseItAndOldOnesStillOpen() {
    String old = cipher.seal(ROW, SECRET);
    KeyRing rotated = ring.with(KeyRing.newKey(Clock.systemUTC()));
    cipher.use(rotated);

    String sealed = cipher.seal(ROW, SECRET);

    assertThat(SecretCipher.keyIdOf(sealed)).contains(rotated.current().id());
    assertThat(cipher.isCurrent(old)).isFalse();
    assertThat(cipher.open(ROW, old)).isEqualTo(SECRET);
  }

  @Test
  void anUnknownKeyIdFailsNamingTheKeyButNotTheValue() {
    String sealed = new SecretCipher(KeyRing.generate(Clock.systemUTC())).seal(ROW, SECRET);

    assertThatThrownBy(() -> cipher.open(ROW, sealed))
        .isInstanceOf(SecretsException.class)
        .hasMessageContaining(SecretCipher.keyIdOf(sealed).orElseThrow())
        .hasMessageContaining("not in memory")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void anUnknownKeyIdReloadsTheRingOnce() {
    KeyRing later = ring.with(KeyRing.newKey(Clock.systemUTC()));
    AtomicReference<KeyRing> file = new AtomicReference<>(ring);
    SecretCipher reader = new SecretCipher(ring, file::get);
    String sealed = new SecretCipher(later).seal(ROW, SECRET);
    file.set(later); // another instance rotated

    assertThat(reader.open(ROW, sealed)).isEqualTo(SECRET);
    assertThat(reader.ring().current().id()).isEqualTo(later.current().id());
  }

  @Test
  void aTamperedValueDoesNotOpen() {
    String sealed = cipher.seal(ROW, SECRET);
    String prefix = sealed.substring(0, sealed.lastIndexOf(':') + 1);
    byte[] data = Base64.getDecoder().decode(sealed.substring(prefix.length()));
    data[data.length / 2] ^= 1;
    String tampered = prefix + Base64.getEncoder().encodeToString(data);

    assertThatThrownBy(() -> cipher.open(ROW, tampered))
        .isInstanceOf(SecretsException.class)
        .hasMessageContaining("altered")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> cipher.open(ROW, prefix + "not base64!"))
        .isInstanceOf(SecretsException.class);
    assertThatThrownBy(() -> cipher.open(ROW, prefix + "AAAA"))
        .isInstanceOf(SecretsException.class);
  }

  @Test
  void aValueCopiedToAnotherRowDoesNotOpen() {
    String sealed = cipher.seal(ROW, SECRET);

    assertThatThrownBy(() -> cipher.open(OTHER_ROW, sealed))
        .isInstanceOf(SecretsException.class)
        .hasMessageContaining("cfg2")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(
            () -> cipher.open(new ConfigKey("/subscriptions/s/c2", ROW.nameKey()), sealed))
        .isInstanceOf(SecretsException.class);
  }

  @Test
  void aValueRelabelledWithAnotherKeyIdDoesNotOpen() {
    KeyRing two = ring.with(KeyRing.newKey(Clock.systemUTC()));
    SecretCipher both = new SecretCipher(two);
    String sealed = new SecretCipher(ring).seal(ROW, SECRET); // sealed with the first key
    String relabelled = sealed.replace(ring.current().id(), two.current().id());

    assertThat(both.open(ROW, sealed)).isEqualTo(SECRET);
    assertThatThrownBy(() -> both.open(ROW, relabelled)).isInstanceOf(SecretsException.class);
  }

  @Test
  void aJsonObjectStoredBeforeEncryptionIsReadAsItIs() {
    assertThat(cipher.open(ROW, SECRET)).isEqualTo(SECRET);
    assertThat(cipher.isCurrent(SECRET)).isFalse();
    assertThat(SecretCipher.keyIdOf(SECRET)).isEmpty();
  }

  @Test
  void anUnknownFormatIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> cipher.open(ROW, "v9:k:s3cr3t"))
        .isInstanceOf(SecretsException.class)
        .hasMessageContaining("unknown format")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> cipher.open(ROW, "s3cr3t"))
        .isInstanceOf(SecretsException.class)
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void keysNeverPrintTheirBytes() {
    KeyEncryptionKey key = ring.current();
    String base64 = Base64.getEncoder().encodeToString(key.key());

    assertThat(key.toString()).contains(key.id()).doesNotContain(base64);
    assertThat(ring.toString()).doesNotContain(base64);
  }
}
