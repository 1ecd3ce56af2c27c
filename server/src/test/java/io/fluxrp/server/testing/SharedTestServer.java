package io.fluxrp.server.testing;

import io.fluxrp.model.agentapi.DesiredEntry;
import io.fluxrp.server.ServerConfig;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestServer} for all tests of a class: started before the first test (and before the
 * class's own {@code @BeforeAll} methods), closed after the last. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final SharedTestServer server = new SharedTestServer();
 * private static final ArmClient client = server.client();
 * }</pre>
 *
 * The client may be taken before the server starts: it finds the server at each request.
 */
public final class SharedTestServer implements BeforeAllCallback, AfterAllCallback {
  private final Supplier<TestServer> starter;
  private final ArmClient client;
  private TestServer test;

  /** Emulated clusters that only move on {@link #syncClusters()} ({@link TestServer#start()}). */
  public SharedTestServer() {
    this(TestServer::start);
  }

  private SharedTestServer(Supplier<TestServer> starter) {
    this.starter = starter;
    this.client = new ArmClient(() -> test().client().base(), () -> test().client().token());
  }

  /** The embedded default exactly, emulated-cluster worker included. */
  public static SharedTestServer live() {
    return new SharedTestServer(TestServer::startLive);
  }

  /** Adjusted settings, see {@link TestServer#start(UnaryOperator)}. */
  public static SharedTestServer with(UnaryOperator<ServerConfig> customize) {
    return new SharedTestServer(() -> TestServer.start(customize));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    test = starter.get();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (test != null) {
      test.close();
      test = null;
    }
  }

  /** The running server. */
  public TestServer test() {
    if (test == null) {
      throw new IllegalStateException(
          "the shared server is not running: register it with @RegisterExtension on a static field");
    }
    return test;
  }

  public ArmClient client() {
    return client;
  }

  public MutableClock clock() {
    return test().clock();
  }

  /** See {@link TestServer#syncClusters()}. */
  public void syncClusters() {
    test().syncClusters();
  }

  /** See {@link TestServer#createAndSync(String, String)}. */
  public ArmClient.Response createAndSync(String name, String body) {
    return test().createAndSync(name, body);
  }

  /** See {@link TestServer#desiredEntries(String)}. */
  public List<DesiredEntry> desiredEntries(String name) {
    return test().desiredEntries(name);
  }
}
