package io.fluxrp.server.emulated;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.SharedTestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embedded default as shipped: the emulated-cluster worker answers by itself, quickly. */
class LiveWorkerTest {
  @RegisterExtension static final SharedTestServer server = SharedTestServer.live();
  private static final ArmClient client = server.client();

  @Test
  void operationsSucceedWithinASecond() {

    long started = System.nanoTime();
    ArmClient.Response put = client.put(v(config("live")), Bodies.git());
    Arm.Lro create = Arm.assertLro(put, client.base(), config("live"), "2025-04-01");
    JsonNode created = client.awaitOperation(create.asyncOperationUrl());
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(created.path("status").asText()).isEqualTo("Succeeded");
    assertThat(took).isLessThan(Duration.ofSeconds(1));
    JsonNode properties = client.get(v(config("live"))).json().path("properties");
    assertThat(properties.path("complianceState").asText()).isEqualTo("Compliant");
    assertThat(properties.at("/statuses/0/statusConditions/0/message").asText())
        .contains("emulated");

    started = System.nanoTime();
    ArmClient.Response delete = client.delete(v(config("live")));
    Arm.Lro deletion = Arm.assertLro(delete, client.base(), config("live"), "2025-04-01");
    assertThat(client.awaitOperation(deletion.asyncOperationUrl()).path("status").asText())
        .isEqualTo("Succeeded");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    Arm.assertError(client.get(v(config("live"))), 404, "ResourceNotFound");
  }
}
