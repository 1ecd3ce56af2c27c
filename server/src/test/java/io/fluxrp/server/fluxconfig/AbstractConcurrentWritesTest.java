package io.fluxrp.server.fluxconfig;

import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.TestAgent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Writes to one cluster at the same moment, through every client {@link #clients()} gives (one per
 * server instance). A write works out the new state before it takes the cluster's row lock and
 * checks again under it; these tests hold it to what the lock promises: a conditional write is
 * checked against the state it replaces, and the feed hands out positions in commit order, so an
 * agent that follows it from position to position misses no write.
 */
public abstract class AbstractConcurrentWritesTest {
  private static final int WRITERS = 16;
  private static final int CREATES_PER_WRITER = 8;
  private static final int UPDATES_PER_WRITER = 4;

  /** Clients of the servers under test, all on one store; writers take them in turn. */
  protected abstract List<ArmClient> clients();

  @Test
  void ofConditionalPutsAgainstOneEtagExactlyOneWins() throws Exception {
    String path = v(AdminApi.configuration(newCluster("if-match-"), "contended"));
    ArmClient.Response created = create(path);
    String etag = created.header("ETag").orElseThrow();

    List<ArmClient.Response> answers =
        runAtOnce(
            writer ->
                client(writer)
                    .sendJson("PUT", path, Bodies.git(url(writer)), Map.of("If-Match", etag)));

    List<Integer> winners = new ArrayList<>();
    for (int writer = 0; writer < answers.size(); writer++) {
      int status = answers.get(writer).status();
      assertThat(status).as("%s", answers.get(writer)).isIn(200, 412);
      if (status == 200) {
        winners.add(writer);
      }
    }
    assertThat(winners).as("writes accepted against ETag %s", etag).hasSize(1);
    ArmClient.Response end = clients().get(0).get(path);
    assertThat(end.json().at("/properties/gitRepository/url").asText())
        .isEqualTo(url(winners.get(0)));
    assertThat(end.header("ETag")).isEqualTo(answers.get(winners.get(0)).header("ETag"));
  }

  /**
   * Unconditional PATCHes of one configuration, each adding its own kustomization: every one is
   * merged into the state the previous one left, none into a state read before it committed.
   */
  @Test
  void concurrentPatchesOfOneConfigurationLoseNoneOfTheirChanges() throws Exception {
    String path = v(AdminApi.configuration(newCluster("patches-"), "patched"));
    create(path);

    List<ArmClient.Response> answers =
        runAtOnce(
            writer ->
                client(writer)
                    .patch(
                        path,
                        """
                        {"properties": {"kustomizations": {"k%d": {"path": "./k%d"}}}}"""
                            .formatted(writer, writer)));

    answers.forEach(answer -> assertThat(answer.status()).as("%s", answer).isIn(200, 202));
    List<String> kustomizations = new ArrayList<>();
    clients()
        .get(0)
        .get(path)
        .json()
        .at("/properties/kustomizations")
        .fieldNames()
        .forEachRemaining(kustomizations::add);
    List<String> expected = new ArrayList<>(List.of("infra"));
    for (int writer = 0; writer < WRITERS; writer++) {
      expected.add("k" + writer);
    }
    assertThat(kustomizations).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void anAgentFollowingTheFeedMissesNoneOfManyConcurrentWrites() throws Exception {
    String cluster = AdminApi.clusterId("feed-" + System.nanoTime());
    TestAgent agent = TestAgent.register(clients().get(0), cluster);
    AtomicBoolean writing = new AtomicBoolean(true);
    CompletableFuture<Map<String, Long>> followed =
        CompletableFuture.supplyAsync(() -> follow(agent, writing));

    runAtOnce(writer -> writeMany(client(writer), cluster, writer));
    writing.set(false);

    Map<String, Long> stored = new HashMap<>();
    agent
        .snapshot()
        .forEach(page -> page.entries().forEach(e -> stored.put(e.name(), e.generation())));
    assertThat(stored).hasSize(WRITERS * CREATES_PER_WRITER);
    assertThat(followed.get(60, TimeUnit.SECONDS))
        .as("the latest generation of each configuration, as followed vs as stored")
        .isEqualTo(stored);
  }

  /** A new registered agent cluster whose id starts with {@code prefix}. */
  private String newCluster(String prefix) {
    String cluster = AdminApi.clusterId(prefix + System.nanoTime());
    TestAgent.register(clients().get(0), cluster);
    return cluster;
  }

  /** Creates the configuration at {@code path} with {@link Bodies#git()}; the 201. */
  private ArmClient.Response create(String path) {
    ArmClient.Response created = clients().get(0).put(path, Bodies.git());
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created;
  }

  /** Creates, then updates some of, this writer's configurations; every write must succeed. */
  private static Void writeMany(ArmClient client, String cluster, int writer) {
    for (int i = 0; i < CREATES_PER_WRITER + UPDATES_PER_WRITER; i++) {
      String name = "w" + writer + "-" + (i % CREATES_PER_WRITER);
      ArmClient.Response put =
          client.put(v(AdminApi.configuration(cluster, name)), Bodies.git(url(writer) + "/" + i));
      assertThat(put.status()).as("%s", put).isIn(200, 201);
    }
    return null;
  }

  /**
   * The agent's loop: long-polls from its last position until the writers are done and a read
   * brings nothing new; checks every page's order; returns the last generation seen per name.
   */
  private static Map<String, Long> follow(TestAgent agent, AtomicBoolean writing) {
    Map<String, Long> seen = new HashMap<>();
    long since = 0;
    boolean done = false;
    while (!done) {
      boolean last = !writing.get();
      TestAgent.Page page = agent.desired(since, last ? 0 : 1);
      long previous = since;
      for (TestAgent.Entry entry : page.entries()) {
        assertThat(entry.seq()).as("feed positions after %d", since).isGreaterThan(previous);
        previous = entry.seq();
        seen.put(entry.name(), entry.generation());
      }
      since = page.seq();
      done = last && page.entries().isEmpty() && !page.more();
    }
    return seen;
  }

  private ArmClient client(int writer) {
    return clients().get(writer % clients().size());
  }

  private static String url(int writer) {
    return "https://example.com/writer-" + writer;
  }

  private interface Writer<T> {
    T write(int writer) throws Exception;
  }

  /** Runs {@value #WRITERS} writers released at the same moment; their results in writer order. */
  private static <T> List<T> runAtOnce(Writer<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        int writer = i;
        Callable<T> task =
            () -> {
              start.await();
              return work.write(writer);
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
