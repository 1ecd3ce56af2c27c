package io.fluxrp.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.testing.ArmClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a real {@code fluxrp serve} process while writes are in flight: after a restart on the
 * same data directory, every write that was answered 201 is there, its operation finishes, and no
 * configuration exists twice. This is the H2 durability setting (WRITE_DELAY=0) proven end to end.
 */
class KillDuringWritesIT {
  private static final int WRITERS = 4;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 200;

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    Path dataDir = Files.createTempDirectory("fluxrp-kill");
    try {
      String token = EmbeddedIssuer.loadOrCreate(dataDir).mintAdmin(Duration.ofHours(1));
      Map<String, String> acknowledged = new ConcurrentHashMap<>();
      try (ServerProcess first = ServerProcess.start(dataDir, Map.of())) {
        writeUntilKilled(first, new ArmClient(first.base(), token), acknowledged);
      }
      assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

      try (ServerProcess second = ServerProcess.start(dataDir, Map.of())) {
        ArmClient client = new ArmClient(second.base(), token);
        for (Map.Entry<String, String> write : acknowledged.entrySet()) {
          assertThat(client.get(ArmClient.v(ArmClient.config(write.getKey()))).status())
              .as("acknowledged configuration %s after the restart", write.getKey())
              .isEqualTo(200);
          JsonNode operation = client.awaitOperation(onHost(second.base(), write.getValue()));
          assertThat(operation.path("status").asText()).isEqualTo("Succeeded");
        }
        List<String> listed = listAll(client);
        assertThat(new HashSet<>(listed))
            .as("no configuration listed twice")
            .hasSize(listed.size());
        assertThat(listed).containsAll(acknowledged.keySet());
        assertThat(second.stop()).as("exit code after SIGTERM").isZero();
      }
    } finally {
      ServerProcess.deleteQuietly(dataDir);
    }
  }

  /**
   * Writes from {@link #WRITERS} threads until the server is killed; anything but a 201 or a lost
   * connection after the kill fails the test.
   */
  private static void writeUntilKilled(
      ServerProcess server, ArmClient client, Map<String, String> acknowledged)
      throws InterruptedException {
    AtomicBoolean killing = new AtomicBoolean();
    List<Object> unexpected = new CopyOnWriteArrayList<>();
    CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    // after the kill every request fails to connect, which ends the loop
                    for (int i = 0; ; i++) {
                      String name = "kill-" + writer + "-" + i;
                      try {
                        ArmClient.Response put =
                            client.put(ArmClient.v(ArmClient.config(name)), body(name));
                        if (put.status() == 201) {
                          acknowledged.put(name, put.header("Azure-AsyncOperation").orElseThrow());
                          enough.countDown();
                        } else if (!killing.get()) {
                          unexpected.add(put);
                        }
                      } catch (RuntimeException e) {
                        if (!killing.get()) {
                          unexpected.add(e);
                        }
                        return;
                      }
                    }
                  }));
    }
    boolean reached = enough.await(ServerProcess.timeout().toSeconds(), TimeUnit.SECONDS);
    killing.set(true);
    server.kill();
    for (Thread writer : writers) {
      writer.join();
    }
    assertThat(unexpected).as("answers before the kill").isEmpty();
    assertThat(reached)
        .as("%d writes acknowledged before the kill", ACKNOWLEDGED_BEFORE_KILL)
        .isTrue();
  }

  private static String body(String name) {
    return """
        {"properties": {"namespace": "%s", "gitRepository": {"url": "https://github.com/fluxrp/%s",
          "repositoryRef": {"branch": "main"}}, "kustomizations": {"apps": {"path": "./apps"}}}}
        """
        .formatted(name, name);
  }

  /** The operation URL of the first process, on the second one's port. */
  private static String onHost(URI base, String url) {
    URI old = URI.create(url);
    return base.resolve(old.getRawPath() + "?" + old.getRawQuery()).toString();
  }

  private static List<String> listAll(ArmClient client) {
    List<String> names = new ArrayList<>();
    String next = ArmClient.v(ArmClient.COLLECTION + "?$top=1000");
    Set<String> pages = new HashSet<>();
    while (next != null && pages.add(next)) {
      JsonNode page = client.get(next).json();
      page.path("value").forEach(item -> names.add(item.path("name").asText()));
      next = page.hasNonNull("nextLink") ? page.get("nextLink").asText() : null;
    }
    return names;
  }
}
