package io.fluxrp.server.agentapi;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.TestAgent;
import io.fluxrp.server.testing.TestServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * A thousand agents long-polling at once, each for its own cluster: the waiting requests hold no
 * platform threads and no database connections, and a change on every cluster reaches its agent,
 * and only its agent.
 */
class ThousandAgentsTest {
  private static final int AGENTS = 1000;
  private static final int WRITERS = 4;

  private static String cluster(int i) {
    return AdminApi.clusterId("fleet-" + i);
  }

  private static String name(int i) {
    return "cfg-" + i;
  }

  /** Runs {@code work} for 0 … AGENTS-1 on {@link #WRITERS} virtual threads; rethrows failures. */
  private static void inParallel(IntConsumer work) throws Exception {
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        done.add(
            writers.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < AGENTS; i = next.getAndIncrement()) {
                    work.accept(i);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
  }

  @Test
  void aThousandWaitingAgentsEachGetTheirOwnChange() throws Exception {
    try (TestServer test = TestServer.start(AgentFixtures::agentsOnly)) {
      ArmClient client = test.client();
      AdminApi admin = new AdminApi(client);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();

      long registerStart = System.nanoTime();
      String[] credentials = new String[AGENTS];
      inParallel(i -> credentials[i] = admin.registerAgent(cluster(i)));
      long registerMillis = Duration.ofNanos(System.nanoTime() - registerStart).toMillis();
      List<TestAgent> agents = new ArrayList<>();
      for (int i = 0; i < AGENTS; i++) {
        agents.add(new TestAgent(client::base, cluster(i), credentials[i]));
      }
      assertThat(java.util.Set.of(credentials)).as("distinct credentials").hasSize(AGENTS);
      assertThat(agents.get(0).desired(0, 0).entries()).isEmpty(); // the client is up

      int threadsBefore = threads.getThreadCount();
      threads.resetPeakThreadCount();
      List<TestAgent.Poller> pollers = new ArrayList<>();
      try {
        long pollStart = System.nanoTime();
        for (TestAgent agent : agents) {
          pollers.add(agent.startPolling(0, 30));
        }
        AgentFixtures.awaitTrue(
            "all " + AGENTS + " agents wait (now " + test.server().waitingFeedRequests() + ")",
            Duration.ofSeconds(20),
            () -> test.server().waitingFeedRequests() == AGENTS);
        long waitingMillis = Duration.ofNanos(System.nanoTime() - pollStart).toMillis();
        int threadsDuring = threads.getThreadCount();
        int connectionsDuring = 0;
        for (int sample = 0; sample < 5; sample++) {
          connectionsDuring =
              Math.max(connectionsDuring, test.server().activeDatabaseConnections());
        }
        int peakThreads = threads.getPeakThreadCount();
        for (TestAgent.Poller poller : pollers) {
          assertThat(poller.failures()).as("failures of %s", poller.agent().clusterId()).isEmpty();
          assertThat(poller.entries()).isEmpty();
        }

        long[] answered = new long[AGENTS];
        long putStart = System.nanoTime();
        inParallel(
            i -> {
              ArmClient.Response put =
                  client.put(v(AdminApi.configuration(cluster(i), name(i))), Bodies.git());
              answered[i] = System.nanoTime();
              assertThat(put.status()).as("PUT %d: %s", i, put).isEqualTo(201);
            });
        long putMillis = Duration.ofNanos(System.nanoTime() - putStart).toMillis();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long maxLatency = 0;
        long lastDelivery = 0;
        for (int i = 0; i < AGENTS; i++) {
          TestAgent.Poller poller = pollers.get(i);
          String own = name(i);
          TestAgent.Entry entry =
              poller.await(
                  e -> e.name().equals(own),
                  Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
          assertThat(entry.id()).isEqualTo(AdminApi.configuration(cluster(i), own));
          assertThat(entry.generation()).isEqualTo(1);
          lastDelivery = Math.max(lastDelivery, poller.lastEntryNanos());
          maxLatency = Math.max(maxLatency, poller.lastEntryNanos() - answered[i]);
        }
        long deliverMillis = Duration.ofNanos(lastDelivery - putStart).toMillis();
        for (int i = 0; i < AGENTS; i++) {
          assertThat(pollers.get(i).entries())
              .as("everything agent %d received", i)
              .extracting(TestAgent.Entry::name)
              .containsExactly(name(i));
        }

        System.out.printf(
            "1000-agents: registered %d clusters in %d ms; %d long-polls waiting after %d ms;"
                + " platform threads before %d, during %d (peak %d); database connections during"
                + " %d; %d PUTs in %d ms; all %d changes delivered %d ms after the first PUT"
                + " (max %d ms after its PUT answer)%n",
            AGENTS,
            registerMillis,
            AGENTS,
            waitingMillis,
            threadsBefore,
            threadsDuring,
            peakThreads,
            connectionsDuring,
            AGENTS,
            putMillis,
            AGENTS,
            deliverMillis,
            Math.max(0, Duration.ofNanos(maxLatency).toMillis()));

        assertThat(threadsDuring - threadsBefore)
            .as("platform threads added by %d waiting long-polls", AGENTS)
            .isLessThan(50);
        assertThat(connectionsDuring)
            .as("database connections held while %d long-polls wait", AGENTS)
            .isLessThanOrEqualTo(1);
      } finally {
        pollers.forEach(TestAgent.Poller::close);
      }
    }
  }
}
