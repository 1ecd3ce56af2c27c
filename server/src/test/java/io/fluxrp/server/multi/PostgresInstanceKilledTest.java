package io.fluxrp.server.multi;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instance A (its own process) plays the emulated clusters; it hangs (SIGSTOP) while operations are
 * written through instance B, and is then killed (SIGKILL) with them in flight. B takes the lease
 * over once it has expired (B's clock moved past it) and finishes every operation.
 */
class PostgresInstanceKilledTest {
  private static final String CLUSTER = AdminApi.clusterId("takeover");

  @TempDir Path childDir;

  @Test
  void theOtherInstanceFinishesTheOperationsOfAKilledOne() throws Exception {
    try (PostgresInstances instances = new PostgresInstances()) {
      Process a = startChild(instances);
      try {
        awaitLeaseOwner(instances);
        TestServer b = instances.start(true);
        new AdminApi(b.client()).registerEmulated(CLUSTER);
        assertThat(status(b, put(b, "before")))
            .as("A, holding the lease, plays the cluster")
            .isEqualTo("Succeeded");
        assertThat(b.server().emulatedClusters().leading()).isFalse();

        signal(a, "STOP");
        List<String> inFlight = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          inFlight.add(put(b, "during-" + i));
        }
        for (String operation : inFlight) {
          assertThat(b.client().get(operation).json().path("status").asText())
              .isEqualTo("Creating");
        }
        a.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        b.clock().set(Instant.now().plus(Duration.ofSeconds(16))); // past A's last lease
        for (String operation : inFlight) {
          assertThat(status(b, operation)).isEqualTo("Succeeded");
        }
        assertThat(b.server().emulatedClusters().leading()).isTrue();
      } finally {
        a.destroyForcibly();
      }
    }
  }

  private static String put(TestServer server, String name) {
    ArmClient.Response put =
        server.client().put(v(AdminApi.configuration(CLUSTER, name)), Bodies.git());
    assertThat(put.status()).as("%s", put).isEqualTo(201);
    return put.header("Azure-AsyncOperation").orElseThrow();
  }

  private static String status(TestServer server, String operation) {
    return server.client().awaitOperation(operation).path("status").asText();
  }

  private Process startChild(PostgresInstances instances) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ServerChild.class.getName());
    command.add(instances.store().jdbcUrl());
    command.add(instances.store().username());
    command.add(childDir.toString());
    Path log = Files.createTempFile("server-child", ".log");
    Process child = new ProcessBuilder(command).redirectError(log.toFile()).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine(); // bounded: the child prints it or dies
    assertThat(line).as("child output, see %s", log).startsWith("port=");
    return child;
  }

  /** Bounded wait until some instance (only A runs) holds the emulated-clusters lease. */
  private static void awaitLeaseOwner(PostgresInstances instances) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    try (Connection connection = instances.connect();
        Statement statement = connection.createStatement()) {
      while (true) {
        try (ResultSet row =
            statement.executeQuery(
                "SELECT owner FROM work_leases WHERE name = 'emulated-clusters'")) {
          if (row.next()) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("instance A never took the emulated-clusters lease");
        }
        Thread.sleep(20);
      }
    }
  }

  private static void signal(Process process, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).isZero();
  }
}
