package io.fluxrp.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.store.PostgresTestDatabases;
import io.fluxrp.server.testing.ArmClient;
import java.io.IOException;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGKILL of a real {@code fluxrp serve} while 1,000 writes are in flight at once: 900 creates
 * (201) and 100 replacements of existing configurations (200), each on its own virtual thread.
 * After a restart on the same store every acknowledged write is there with its content, its
 * operation ends Succeeded, every configuration that exists settles in a terminal state, and none
 * is listed twice. Once on the embedded H2 file, once on PostgreSQL (a fresh database on the test
 * JVM's embedded server, which keeps running: it is the fluxrp process that dies, with its open
 * transactions). There the successor is a new instance to the database, so the operations finish
 * only once the dead one's lease on the emulated clusters has expired (15 s): that takeover is part
 * of what is tested, and most of the difference in run time.
 */
class KillDuringThousandWritesIT {
  private static final int CREATES = 900;
  private static final int UPDATES = 100;
  private static final int ACKNOWLEDGED_BEFORE_KILL = 250;
  private static final Set<String> TERMINAL = Set.of("Succeeded", "Failed", "Canceled");

  /** A write that was acknowledged: its operation URL and the kustomization path it set. */
  private record Ack(String operationUrl, String path) {}

  /** Where the killed server and its successor keep their data. */
  enum Store {
    H2,
    POSTGRESQL;

    /** The environment of both server processes; {@code dataDir} holds what the store needs. */
    Map<String, String> environment(Path dataDir) throws IOException {
      return switch (this) {
        case H2 -> Map.of();
        // the pool size of `fluxrp serve`'s default, as on H2
        case POSTGRESQL ->
            ServerProcess.databaseEnvironment(PostgresTestDatabases.fresh(10), dataDir);
      };
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Store.class)
  void everyAcknowledgedWriteOfAThousandInFlightSurvivesSigkill(Store store) throws Exception {
    Path dataDir = Files.createTempDirectory("fluxrp-kill-1000");
    try {
      String token = EmbeddedIssuer.loadOrCreate(dataDir).mintAdmin(Duration.ofHours(1));
      Map<String, String> environment = store.environment(dataDir);
      Map<String, Ack> acknowledged = new ConcurrentHashMap<>();
      try (ServerProcess first = ServerProcess.start(dataDir, environment)) {
        ArmClient client = new ArmClient(first.base(), token);
        seedUpdateTargets(client);
        writeThousandAndKill(first, client, acknowledged);
      }
      try (ServerProcess second = ServerProcess.start(dataDir, environment)) {
        ArmClient client = new ArmClient(second.base(), token);
        assertAcknowledgedWritesSurvived(client, second.base(), acknowledged);
        assertEverythingSettlesOnce(client, acknowledged.keySet());
        assertThat(second.stop()).as("exit code after SIGTERM").isZero();
      }
    } finally {
      ServerProcess.deleteQuietly(dataDir);
    }
  }

  /** The configurations the 100 replacements target, created and settled before the load. */
  private static void seedUpdateTargets(ArmClient client) {
    List<String> operations = new ArrayList<>();
    for (int i = 0; i < UPDATES; i++) {
      ArmClient.Response put =
          client.put(ArmClient.v(ArmClient.config(updated(i))), body(updated(i), "v1"));
      assertThat(put.status()).as("%s", put).isEqualTo(201);
      operations.add(put.header("Azure-AsyncOperation").orElseThrow());
    }
    operations.forEach(url -> client.awaitOperation(url));
  }

  private static void writeThousandAndKill(
      ServerProcess server, ArmClient client, Map<String, Ack> acknowledged)
      throws InterruptedException {
    AtomicBoolean killing = new AtomicBoolean();
    AtomicInteger shed = new AtomicInteger();
    List<Object> unexpected = new CopyOnWriteArrayList<>();
    CountDownLatch enough = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> writers = new ArrayList<>();
    for (int i = 0; i < CREATES + UPDATES; i++) {
      boolean update = i < UPDATES;
      String name = update ? updated(i) : "create-" + i;
      String path = update ? "v2-" + i : "v1";
      int expected = update ? 200 : 201;
      writers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      go.await();
                      ArmClient.Response put =
                          client.put(ArmClient.v(ArmClient.config(name)), body(name, path));
                      if (put.status() == expected) {
                        acknowledged.put(
                            name, new Ack(put.header("Azure-AsyncOperation").orElseThrow(), path));
                        enough.countDown();
                      } else if (shedUnderLoad(put)) {
                        shed.incrementAndGet();
                      } else if (!killing.get()) {
                        unexpected.add(put);
                      }
                    } catch (RuntimeException | InterruptedException e) {
                      if (!killing.get()) {
                        unexpected.add(e);
                      }
                    }
                  }));
    }
    go.countDown();
    boolean reached = enough.await(ServerProcess.timeout().toSeconds(), TimeUnit.SECONDS);
    killing.set(true);
    server.kill();
    for (Thread writer : writers) {
      writer.join();
    }
    System.out.printf(
        "%d of %d writes acknowledged when SIGKILL landed, %d shed with 503%n",
        acknowledged.size(), CREATES + UPDATES, shed.get());
    assertThat(unexpected).as("answers before the kill").isEmpty();
    assertThat(reached).as("%d acknowledged before the kill", ACKNOWLEDGED_BEFORE_KILL).isTrue();
    assertThat(acknowledged.size())
        .as("writes still in flight when SIGKILL landed")
        .isLessThan(CREATES + UPDATES);
  }

  /**
   * A write the server turned away, not acknowledged: on a busy machine the tail of 1,000
   * simultaneous writes can wait longer for a pooled connection than the store allows (5 s), and
   * the server then answers 503 ServiceUnavailable with a Retry-After, as it should.
   */
  private static boolean shedUnderLoad(ArmClient.Response put) {
    return put.status() == 503
        && put.header("Retry-After").isPresent()
        && put.json().at("/error/code").asText().equals("ServiceUnavailable");
  }

  private static void assertAcknowledgedWritesSurvived(
      ArmClient client, URI base, Map<String, Ack> acknowledged) {
    for (Map.Entry<String, Ack> write : acknowledged.entrySet()) {
      ArmClient.Response get = client.get(ArmClient.v(ArmClient.config(write.getKey())));
      assertThat(get.status())
          .as("acknowledged %s after the restart", write.getKey())
          .isEqualTo(200);
      assertThat(get.json().at("/properties/kustomizations/apps/path").asText())
          .as("content of %s", write.getKey())
          .isEqualTo("./" + write.getValue().path());
      // on PostgreSQL the first ones wait for the dead instance's lease (15 s) to expire
      JsonNode operation =
          client.awaitOperation(
              onHost(base, write.getValue().operationUrl()), ServerProcess.timeout());
      assertThat(operation.path("status").asText()).isEqualTo("Succeeded");
    }
  }

  /**
   * Every configuration that exists (acknowledged or not) reaches a terminal provisioning state,
   * none is listed twice, and all acknowledged ones are listed.
   */
  private static void assertEverythingSettlesOnce(ArmClient client, Set<String> acknowledged) {
    long deadline = System.nanoTime() + ServerProcess.timeout().toNanos();
    List<JsonNode> listed = listAll(client);
    while (!listed.stream().allMatch(KillDuringThousandWritesIT::terminal)
        && System.nanoTime() < deadline) {
      pause(); // between polls of the real state, not a wait for time
      listed = listAll(client);
    }
    List<String> names = listed.stream().map(c -> c.path("name").asText()).toList();
    assertThat(listed).as("configurations settled").allMatch(KillDuringThousandWritesIT::terminal);
    assertThat(new HashSet<>(names)).as("no configuration listed twice").hasSize(names.size());
    assertThat(names).containsAll(acknowledged);
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean terminal(JsonNode configuration) {
    return TERMINAL.contains(configuration.at("/properties/provisioningState").asText());
  }

  private static String updated(int i) {
    return "update-" + i;
  }

  private static String body(String name, String path) {
    String namespace = "ns-" + Integer.toHexString(name.hashCode() & 0xffff);
    return """
        {"properties": {"namespace": "%s", "gitRepository": {"url": "https://github.com/fluxrp/demo",
          "repositoryRef": {"branch": "main"}}, "kustomizations": {"apps": {"path": "./%s"}}}}
        """
        .formatted(namespace, path);
  }

  /** The operation URL of the first process, on the second one's port. */
  private static String onHost(URI base, String url) {
    URI old = URI.create(url);
    return base.resolve(old.getRawPath() + "?" + old.getRawQuery()).toString();
  }

  private static List<JsonNode> listAll(ArmClient client) {
    List<JsonNode> all = new ArrayList<>();
    String next = ArmClient.v(ArmClient.COLLECTION + "?$top=1000");
    Set<String> pages = new HashSet<>();
    while (next != null && pages.add(next)) {
      JsonNode page = client.get(next).json();
      page.path("value").forEach(all::add);
      next = page.hasNonNull("nextLink") ? page.get("nextLink").asText() : null;
    }
    return all;
  }
}
