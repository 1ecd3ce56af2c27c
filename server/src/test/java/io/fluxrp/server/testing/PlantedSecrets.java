package io.fluxrp.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Distinctive secret values that tests plant in write-only properties, and the check that none of
 * them ever came back in a response body ({@link ArmClient#bodiesSeen()}). Register the check on a
 * test class with {@code @ExtendWith(PlantedSecrets.NoLeaks.class)}: it runs after the class and
 * scans every body received in this JVM so far.
 */
public final class PlantedSecrets {
  private static final Set<String> PLANTED = ConcurrentHashMap.newKeySet();

  private PlantedSecrets() {}

  /** A plain-text secret value, e.g. for an account key or a SAS token. */
  public static String text(String label) {
    String value = "fluxrp-planted-" + label + "-" + UUID.randomUUID();
    PLANTED.add(value);
    return value;
  }

  /** A base64-encoded secret (both the encoded and the decoded text are watched). */
  public static String base64(String label) {
    String raw = text(label);
    String encoded = Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    PLANTED.add(encoded);
    return encoded;
  }

  /** Watches a value produced elsewhere (e.g. a generated private key, base64-encoded). */
  public static String watch(String value) {
    PLANTED.add(value);
    return value;
  }

  /** Fails when a response body seen so far contains a planted secret. */
  public static void assertNoneLeaked() {
    String seen = ArmClient.bodiesSeen();
    for (String secret : PLANTED) {
      assertThat(seen).as("a response body leaked a planted secret").doesNotContain(secret);
    }
  }

  /** JUnit extension: {@link #assertNoneLeaked()} after the test class. */
  public static final class NoLeaks implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
      assertNoneLeaked();
    }
  }
}
