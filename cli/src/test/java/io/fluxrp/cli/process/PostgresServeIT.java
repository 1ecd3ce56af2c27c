package io.fluxrp.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.auth.EmbeddedIssuer;
import io.fluxrp.server.store.PostgresTestDatabases;
import io.fluxrp.server.store.StoreSettings;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's "Run several servers on PostgreSQL", with the built launcher: two {@code fluxrp
 * serve} processes configured through the FLUXRP_DATABASE_* variables on one PostgreSQL, the issuer
 * key copied from the first data directory to the second. A configuration created through one is
 * served and finished through the other, with one token.
 */
class PostgresServeIT {

  @Test
  void twoServersShareOneDatabaseAndOneToken() throws Exception {
    StoreSettings store = PostgresTestDatabases.fresh(4);
    Path first = Files.createTempDirectory("fluxrp-pg-a");
    Path second = Files.createTempDirectory("fluxrp-pg-b");
    Map<String, String> env = ServerProcess.databaseEnvironment(store, first);
    try (ServerProcess a = ServerProcess.start(first, env)) {
      Files.copy(first.resolve(EmbeddedIssuer.KEY_FILE), second.resolve(EmbeddedIssuer.KEY_FILE));
      try (ServerProcess b = ServerProcess.start(second, env)) {
        String token = EmbeddedIssuer.loadOrCreate(first).mintAdmin(Duration.ofHours(1));
        ArmClient viaA = new ArmClient(a.base(), token);
        ArmClient viaB = new ArmClient(b.base(), token);

        ArmClient.Response put = viaA.put(ArmClient.v(ArmClient.config("shared")), Bodies.git());
        assertThat(put.status()).as("%s", put).isEqualTo(201);
        String operation = put.header("Azure-AsyncOperation").orElseThrow();

        assertThat(viaB.awaitOperation(operation).path("status").asText()).isEqualTo("Succeeded");
        assertThat(viaB.get(ArmClient.v(ArmClient.config("shared"))).header("ETag"))
            .isEqualTo(viaA.get(ArmClient.v(ArmClient.config("shared"))).header("ETag"));
        assertThat(b.stop()).isZero();
      }
      assertThat(a.stop()).isZero();
    } finally {
      ServerProcess.deleteQuietly(first);
      ServerProcess.deleteQuietly(second);
    }
  }
}
