package io.fluxrp.server.multi;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.store.StoreSettings;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops under a steady load of writes and starts again: while it is down every request
 * is 503 with Retry-After, afterwards the server carries on by itself, every acknowledged write is
 * there and every operation finishes.
 */
class PostgresOutageTest {
  private static final int WRITERS = 4;

  @TempDir Path pgData;

  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
  private final List<String> unexpected = new ArrayList<>();
  private final AtomicInteger unavailable = new AtomicInteger();
  private volatile boolean writing = true;

  @Test
  void requestsAre503WhileTheDatabaseIsDownAndNoAcknowledgedWriteIsLost() throws Exception {
    EmbeddedPostgres pg = startPostgres(0);
    int port = pg.getPort();
    StoreSettings store =
        new StoreSettings(null, pg.getJdbcUrl("postgres", "postgres"), "postgres", "", 8);
    TestServer server = TestServer.start(c -> c.toBuilder().store(store).build());
    List<Thread> writers = new ArrayList<>();
    try {
      for (int i = 0; i < WRITERS; i++) {
        int writer = i;
        writers.add(Thread.ofPlatform().start(() -> write(server.client(), writer)));
      }
      awaitAtLeast(acknowledged::size, 20, "writes before the outage");
      pg.close();
      // the first 503s come from connections PostgreSQL closed at shutdown, the next ones from
      // requests that found no database at all
      awaitAtLeast(unavailable::get, 2 * WRITERS, "503 answers while the database is down");
      int beforeRestart = acknowledged.size();
      pg = startPostgres(port);
      long restarted = System.nanoTime();
      awaitAtLeast(acknowledged::size, beforeRestart + 1, "a write after the restart");
      System.out.printf(
          "first acknowledged write %d ms after PostgreSQL was back%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted));
      awaitAtLeast(acknowledged::size, beforeRestart + 20, "writes after the restart");
    } finally {
      writing = false;
      for (Thread writer : writers) {
        writer.join(TimeUnit.SECONDS.toMillis(30));
      }
    }
    try {
      synchronized (unexpected) {
        assertThat(unexpected).isEmpty();
      }
      for (String name : acknowledged) {
        ArmClient.Response get = server.client().get(v(config(name)));
        assertThat(get.status()).as("acknowledged write %s", name).isEqualTo(200);
      }
      assertEveryOperationFinishes(server);
    } finally {
      server.close();
      pg.close();
    }
  }

  /** PUTs new configurations one after the other; a 503 is retried with the same name. */
  private void write(ArmClient client, int writer) {
    int n = 0;
    while (writing) {
      String name = "w" + writer + "-" + n;
      ArmClient.Response put = client.put(v(config(name)), Bodies.git());
      if (put.status() == 201 || put.status() == 200) {
        acknowledged.add(name);
        n++;
      } else if (put.status() == 503 && put.header("Retry-After").isPresent()) {
        unavailable.incrementAndGet();
      } else {
        synchronized (unexpected) {
          unexpected.add(name + ": " + put);
        }
      }
    }
  }

  private void assertEveryOperationFinishes(TestServer server) throws InterruptedException {
    for (String name : acknowledged) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      String state;
      do {
        state =
            server
                .client()
                .get(v(config(name)))
                .json()
                .at("/properties/provisioningState")
                .asText();
        if (!state.equals("Succeeded")) {
          Thread.sleep(20);
        }
      } while (!state.equals("Succeeded") && System.nanoTime() < deadline);
      assertThat(state).as("%s after the outage", name).isEqualTo("Succeeded");
    }
  }

  private EmbeddedPostgres startPostgres(int port) throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false);
    if (port > 0) {
      builder.setPort(port);
    }
    return builder.start();
  }

  private static void awaitAtLeast(IntSupplier value, int expected, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (value.getAsInt() < expected) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what + ": " + value.getAsInt() + " of " + expected);
      }
      Thread.sleep(10);
    }
  }
}
