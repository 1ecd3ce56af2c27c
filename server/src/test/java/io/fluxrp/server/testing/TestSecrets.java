package io.fluxrp.server.testing;

import io.fluxrp.server.secrets.KeyEncryptionKey;
import io.fluxrp.server.secrets.KeyRing;
import io.fluxrp.server.secrets.SecretCipher;
import io.fluxrp.server.store.JdbcFluxConfigurationStore;
import java.time.Instant;
import java.util.List;

/** A fixed key ring for tests that use the store without a server (same in every JVM). */
public final class TestSecrets {
  /** One key of 32 zero bytes: only for tests, so that a child JVM reads what the parent wrote. */
  public static final KeyRing RING =
      new KeyRing(
          List.of(new KeyEncryptionKey("test-key", new byte[32], Instant.EPOCH)), "test keys");

  private TestSecrets() {}

  /** A configuration store that seals secrets with {@link #RING}. */
  public static JdbcFluxConfigurationStore configurationStore() {
    return new JdbcFluxConfigurationStore(new SecretCipher(RING));
  }
}
