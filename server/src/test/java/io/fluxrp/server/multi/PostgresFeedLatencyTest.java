package io.fluxrp.server.multi;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.TestAgent;
import io.fluxrp.server.testing.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Measures, over 200 changes, the time from a write through instance B to the answer of an agent's
 * long-poll on instance A (both on one PostgreSQL), and prints median and p99 to stdout and to
 * {@code target/feed-latency.txt}. Each sample runs from just before B's PUT is sent until A's feed
 * answer arrives, so it is an upper bound of commit-to-answer (it includes B's request handling).
 */
class PostgresFeedLatencyTest {
  private static final int CHANGES = 200;

  @Test
  void aChangeCommittedOnOneInstanceReachesAnAgentOnTheOtherWithin200ms() throws Exception {
    try (PostgresInstances instances = new PostgresInstances()) {
      TestServer a = instances.start(false);
      TestServer b = instances.start(false);
      String cluster = AdminApi.clusterId("latency");
      TestAgent agent = TestAgent.register(a.client(), cluster);
      long since = agent.desired(0, 0).seq();
      long[] micros = new long[CHANGES];
      for (int i = 0; i < CHANGES; i++) {
        final long from = since;
        CompletableFuture<TestAgent.Page> poll =
            CompletableFuture.supplyAsync(() -> agent.desired(from, 30));
        PostgresTwoInstancesTest.awaitWaiting(a, 1);
        long start = System.nanoTime();
        ArmClient.Response put =
            b.client()
                .put(v(AdminApi.configuration(cluster, "cfg")), Bodies.git("https://x/r" + i));
        TestAgent.Page page = poll.get(10, TimeUnit.SECONDS);
        micros[i] = (System.nanoTime() - start) / 1_000;
        assertThat(put.status()).isIn(200, 201);
        assertThat(page.names()).containsExactly("cfg");
        since = page.seq();
      }
      Arrays.sort(micros);
      double median = micros[CHANGES / 2] / 1000.0;
      double p99 = micros[(int) Math.ceil(CHANGES * 0.99) - 1] / 1000.0;
      report(median, p99, micros[CHANGES - 1] / 1000.0);
      assertThat(median).as("median ms").isLessThan(200);
      assertThat(p99).as("p99 ms").isLessThan(200);
    }
  }

  private static void report(double median, double p99, double max) throws IOException {
    String line =
        String.format(
            "commit on B -> agent feed answer on A over %d changes: median %.1f ms, p99 %.1f ms,"
                + " max %.1f ms%n",
            CHANGES, median, p99, max);
    System.out.print(line);
    Files.writeString(Path.of("target", "feed-latency.txt"), line);
  }
}
