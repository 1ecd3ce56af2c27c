package io.fluxrp.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.RawHttp;
import io.fluxrp.server.testing.SharedTestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow and stuck clients (slowloris-style) hold connections open without finishing a request; the
 * server keeps answering everyone else, and oversized request heads get a 4xx, not a hang.
 */
class SlowClientsTest {
  private static final int STUCK = 300;
  private static final Duration BOUND = Duration.ofSeconds(2);

  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  private final List<Socket> sockets = new ArrayList<>();

  @BeforeAll
  static void seed() {
    server.createAndSync("slow-seeded", Bodies.git());
  }

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  @Test
  void headersSentByteByByteDoNotStopOtherClients() throws IOException {
    List<OutputStream> slow = open(STUCK);
    String head =
        "GET " + ArmClient.v(ArmClient.config("slow-seeded")) + " HTTP/1.1\r\nHost: localhost\r\n";
    for (int i = 0; i < head.length(); i++) {
      for (OutputStream out : slow) {
        out.write(head.charAt(i));
        out.flush();
      }
      if (i % 10 == 0) {
        assertOthersAreServed();
      }
    }
    assertOthersAreServed();
  }

  @Test
  void bodiesThatNeverArriveHoldNoDatabaseConnection() throws IOException {
    List<OutputStream> stuck = open(50);
    for (OutputStream out : stuck) {
      RawHttp.write(
          out,
          "PUT "
              + ArmClient.v(ArmClient.config("slow-body"))
              + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + client.token()
              + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
              + "{\"properties\": {");
    }
    assertOthersAreServed();
    ArmClient.Response put = client.put(ArmClient.v(ArmClient.config("slow-other")), Bodies.git());
    assertThat(put.status()).as("%s", put).isEqualTo(201);
    // the stuck requests read the principal's role assignments before they wait for their bodies,
    // and on a busy machine some may still be doing so; a pending body would hold its connection
    // for as long as it is pending
    assertThat(connectionsOnceSettled()).as("connections held while bodies are pending").isZero();
  }

  /** Active database connections, polled until none or {@link #BOUND} has passed. */
  private static int connectionsOnceSettled() {
    long deadline = System.nanoTime() + BOUND.toNanos();
    int active = server.test().server().activeDatabaseConnections();
    while (active > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos()); // between polls of the real state
      active = server.test().server().activeDatabaseConnections();
    }
    return active;
  }

  @Test
  void oversizedHeadersAre431Or400() throws IOException {
    for (String head :
        List.of(
            "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(64 * 1024) + "\r\n",
            "GET /healthz HTTP/1.1\r\nHost: localhost\r\n" + "X-Many: b\r\n".repeat(20_000),
            "GET /healthz?q=" + "c".repeat(64 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n")) {
      Socket socket = track(RawHttp.connect(server.test().server().baseUri()));
      try {
        RawHttp.write(socket.getOutputStream(), head + "\r\n");
      } catch (IOException e) {
        // the server may stop reading and close before the whole head is written
      }
      ArmClient.Response response = RawHttp.readResponse(socket.getInputStream(), false);
      assertThat(response.status()).as("%s", response).isIn(400, 414, 431);
      assertThat(response.json().at("/error/code").asText()).isNotBlank();
    }
    assertOthersAreServed();
  }

  /** Another client's GET and LIST are answered within {@link #BOUND}. */
  private static void assertOthersAreServed() {
    long started = System.nanoTime();
    ArmClient.Response get = client.get(ArmClient.v(ArmClient.config("slow-seeded")));
    ArmClient.Response list = client.get(ArmClient.v(ArmClient.COLLECTION));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(get.status()).as("%s", get).isEqualTo(200);
    assertThat(list.status()).as("%s", list).isEqualTo(200);
    assertThat(took).as("time to answer others").isLessThan(BOUND);
    Arm.assertCommonHeaders(get);
  }

  private List<OutputStream> open(int count) throws IOException {
    List<OutputStream> streams = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      streams.add(track(RawHttp.connect(server.test().server().baseUri())).getOutputStream());
    }
    return streams;
  }

  private Socket track(Socket socket) {
    sockets.add(socket);
    return socket;
  }
}
