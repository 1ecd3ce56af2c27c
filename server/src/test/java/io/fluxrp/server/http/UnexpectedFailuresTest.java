package io.fluxrp.server.http;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.agentapi.AgentApiHandlers;
import io.fluxrp.server.auth.Authenticator;
import io.fluxrp.server.auth.Principal;
import io.fluxrp.server.auth.PrincipalType;
import io.fluxrp.server.clusters.ClusterAdminHandlers;
import io.fluxrp.server.clusters.ClusterChangeSignal;
import io.fluxrp.server.clusters.ClusterLiveness;
import io.fluxrp.server.clusters.ClusterRegistry;
import io.fluxrp.server.fluxconfig.FluxConfigurationHandlers;
import io.fluxrp.server.fluxconfig.FluxConfigurationService;
import io.fluxrp.server.operations.OperationEngine;
import io.fluxrp.server.roles.RoleAssignmentHandlers;
import io.fluxrp.server.store.Database;
import io.fluxrp.server.store.JdbcClusterStore;
import io.fluxrp.server.store.JdbcFluxConfigurationStore;
import io.fluxrp.server.store.JdbcOperationStore;
import io.fluxrp.server.store.StoreSettings;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.HeldConnections;
import io.fluxrp.server.testing.TestSecrets;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What clients see when the server fails: a bug becomes 500 InternalServerError naming the request
 * id and nothing of the failure; a database that is gone, or has no connection free, becomes 503
 * with Retry-After and says which.
 */
class UnexpectedFailuresTest {
  private static final Authenticator ANYONE =
      header -> new Principal("tester", "tester@fluxrp.local", PrincipalType.User);

  @TempDir Path dataDir;

  @Test
  void aBugIs500WithTheRequestIdAndNoStackTrace() {
    // a handler without its service: every call ends in a NullPointerException
    withServer(
        new FluxConfigurationHandlers(null, Duration.ofSeconds(10), Duration.ofHours(48)),
        client -> {
          ArmClient.Response response = client.get(v(config("any")));
          JsonNode error = response.json().path("error");
          assertThat(response.status()).isEqualTo(500);
          assertThat(error.path("code").asText()).isEqualTo("InternalServerError");
          String requestId = response.header("x-ms-request-id").orElseThrow();
          assertThat(error.path("message").asText()).contains(requestId);
          assertThat(response.text()).doesNotContain("NullPointer", "Exception", "at io.fluxrp");
        });
  }

  @Test
  void aDatabaseThatIsGoneIs503WithRetryAfter() {
    Database database = Database.open(StoreSettings.embedded(dataDir));
    FluxConfigurationService service = service(database);
    database.close();
    withServer(
        new FluxConfigurationHandlers(service, Duration.ofSeconds(10), Duration.ofHours(48)),
        client -> {
          ArmClient.Response response = client.get(v(config("any")));
          assertThat(response.status()).isEqualTo(503);
          assertThat(response.json().at("/error/code").asText()).isEqualTo("ServiceUnavailable");
          assertThat(response.json().at("/error/message").asText())
              .startsWith("The service cannot reach its database right now");
          assertThat(response.header("Retry-After")).contains("10");
        });
  }

  @Test
  void aDatabaseWithEveryConnectionInUseIs503SayingItIsBusy() throws Exception {
    StoreSettings twoConnections = new StoreSettings(dataDir, null, null, null, 2);
    try (Database database = Database.open(twoConnections, Duration.ofSeconds(1))) {
      FluxConfigurationService service = service(database);
      try (HeldConnections busy = HeldConnections.take(database, 2)) {
        withServer(
            new FluxConfigurationHandlers(service, Duration.ofSeconds(10), Duration.ofHours(48)),
            client -> {
              ArmClient.Response response = client.get(v(config("any")));
              assertThat(response.status()).isEqualTo(503);
              assertThat(response.json().at("/error/code").asText())
                  .isEqualTo("ServiceUnavailable");
              assertThat(response.json().at("/error/message").asText())
                  .startsWith(
                      "Too many requests are in progress for the database right now; retry after"
                          + " 10 seconds.");
              assertThat(response.header("Retry-After")).contains("10");
            });
      }
    }
  }

  private static FluxConfigurationService service(Database database) {
    JdbcFluxConfigurationStore configurations = TestSecrets.configurationStore();
    return new FluxConfigurationService(
        database,
        configurations,
        new ClusterRegistry(new JdbcClusterStore(), configurations, true),
        new OperationEngine(
            database,
            new JdbcOperationStore(),
            configurations,
            Duration.ofHours(48),
            Duration.ofDays(7)),
        new ClusterChangeSignal(),
        new ClusterLiveness(Duration.ofMinutes(5), Clock.systemUTC()),
        Clock.systemUTC());
  }

  private static void withServer(
      FluxConfigurationHandlers handlers, java.util.function.Consumer<ArmClient> test) {
    HttpPipeline pipeline =
        new HttpPipeline(
            new Routes(
                handlers,
                new ClusterAdminHandlers(null),
                new RoleAssignmentHandlers(null),
                new AgentApiHandlers(null),
                new io.fluxrp.server.secrets.SecretAdminHandlers(null)),
            ANYONE,
            null,
            (principal, permission) -> {},
            new Throttle(ThrottleSettings.ARM_DEFAULTS, Clock.systemUTC()),
            Clock.systemUTC(),
            10,
            false);
    WebServer server =
        WebServer.builder().port(0).routing(routing -> routing.any(pipeline)).build().start();
    try {
      test.accept(new ArmClient(URI.create("http://localhost:" + server.port()), "unused"));
    } finally {
      server.stop();
    }
  }
}
