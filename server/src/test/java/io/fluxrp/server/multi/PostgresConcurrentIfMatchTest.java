package io.fluxrp.server.multi;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 64 writers, half through each of two instances, each doing GET-modify-PUT with {@code If-Match}
 * on one resource at the same moment. ETag checks are race-free when every write either succeeds or
 * gets 412, no two successes were made against the same ETag (no lost update), the successes form
 * one chain of versions, and the final state is the last successful write.
 */
class PostgresConcurrentIfMatchTest {
  private static final int WRITERS = 64;
  private static final String NAME = "contended";

  record Write(int writer, String ifMatch, int status, String newEtag) {}

  @Test
  void everyConditionalWriteSucceedsOnceOrGets412AndTheLastSuccessWins() throws Exception {
    try (PostgresInstances instances = new PostgresInstances()) {
      TestServer a = instances.start(false);
      TestServer b = instances.start(false);
      ArmClient.Response created = a.client().put(v(config(NAME)), Bodies.git());
      assertThat(created.status()).isEqualTo(201);
      String initial = created.header("ETag").orElseThrow();

      List<Write> writes = runWriters(a, b);

      assertThat(writes).extracting(Write::status).allMatch(s -> s == 200 || s == 412);
      List<Write> successes = writes.stream().filter(w -> w.status() == 200).toList();
      assertThat(successes).isNotEmpty();
      assertThat(successes.stream().map(Write::ifMatch).distinct().count())
          .as("two writes accepted against the same version: a lost update")
          .isEqualTo(successes.size());
      Write last = lastOfChain(initial, successes);
      ArmClient.Response end = b.client().get(v(config(NAME)));
      assertThat(end.header("ETag")).contains(last.newEtag());
      assertThat(end.json().at("/properties/gitRepository/url").asText()).isEqualTo(url(last));
    }
  }

  private static List<Write> runWriters(TestServer a, TestServer b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Write>> futures = new ArrayList<>();
      for (int i = 0; i < WRITERS; i++) {
        int writer = i;
        ArmClient client = (i % 2 == 0 ? a : b).client();
        futures.add(pool.submit(() -> write(client, writer, start)));
      }
      start.countDown();
      List<Write> writes = new ArrayList<>();
      for (Future<Write> future : futures) {
        writes.add(future.get(60, TimeUnit.SECONDS));
      }
      return writes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Write write(ArmClient client, int writer, CountDownLatch start) throws Exception {
    start.await();
    String etag = client.get(v(config(NAME))).header("ETag").orElseThrow();
    ArmClient.Response put =
        client.sendJson(
            "PUT",
            v(config(NAME)),
            Bodies.git("https://example.com/writer-" + writer),
            Map.of("If-Match", etag));
    return new Write(writer, etag, put.status(), put.header("ETag").orElse(null));
  }

  /** Follows the versions from {@code initial}; every success must be on the one chain. */
  private static Write lastOfChain(String initial, List<Write> successes) {
    Map<String, Write> byIfMatch = new HashMap<>();
    successes.forEach(w -> byIfMatch.put(w.ifMatch(), w));
    Write last = null;
    int visited = 0;
    for (Write next = byIfMatch.get(initial); next != null; next = byIfMatch.get(next.newEtag())) {
      last = next;
      visited++;
    }
    assertThat(visited).as("successes on one chain of versions").isEqualTo(successes.size());
    return last;
  }

  private static String url(Write write) {
    return "https://example.com/writer-" + write.writer();
  }
}
