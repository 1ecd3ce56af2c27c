package io.fluxrp.server.fluxconfig;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.SharedTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DELETE: asynchronous (202 until the cluster cleaned up), 204 when missing, forceDelete. */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class DeleteTest {
  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  @Test
  void deleteIsAsynchronousUntilTheClusterCleansUp() {
    String name = "delete-async";
    server.createAndSync(name, Bodies.git());

    ArmClient.Response deleted = client.delete(v(config(name)));

    assertThat(deleted.status()).as("%s", deleted).isEqualTo(202);
    assertThat(deleted.text()).isEmpty();
    Arm.assertCommonHeaders(deleted);
    Arm.Lro lro = Arm.assertLro(deleted, client.base(), config(name), "2025-04-01");

    ArmClient.Response during = client.get(v(config(name)));
    assertThat(during.status()).isEqualTo(200);
    assertThat(during.json().at("/properties/provisioningState").asText()).isEqualTo("Deleting");
    assertThat(client.get(lro.asyncOperationUrl()).json().path("status").asText())
        .isEqualTo("Deleting");
    ArmClient.Response result = client.get(lro.locationUrl());
    assertThat(result.status()).isEqualTo(202);
    assertThat(result.header("Retry-After").orElse("")).matches("[0-9]+");

    // writes during the delete are refused and change nothing
    Arm.assertError(
        client.put(v(config(name)), Bodies.git("https://github.com/fluxrp/other")),
        409,
        "AnotherOperationInProgress");
    Arm.assertError(
        client.patch(v(config(name)), "{\"properties\": {\"suspend\": true}}"),
        409,
        "AnotherOperationInProgress");
    assertThat(client.get(v(config(name))).json()).isEqualTo(during.json());

    // a second DELETE joins the running one
    ArmClient.Response again = client.delete(v(config(name)));
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.header("Azure-AsyncOperation")).contains(lro.asyncOperationUrl());
    assertThat(again.header("Location")).contains(lro.locationUrl());

    server.syncClusters();

    Arm.assertError(client.get(v(config(name))), 404, "ResourceNotFound");
    ArmClient.Response status = client.get(lro.asyncOperationUrl());
    assertThat(status.status()).isEqualTo(200);
    assertThat(status.json().path("status").asText()).isEqualTo("Succeeded");
    assertThat(status.json().path("endTime").isTextual()).isTrue();
    assertThat(status.json().get("error").isNull()).isTrue();
    ArmClient.Response finalResult = client.get(lro.locationUrl());
    assertThat(finalResult.status()).as("%s", finalResult).isEqualTo(204);
    assertThat(finalResult.text()).isEmpty();
    assertThat(client.get(v(ArmClient.COLLECTION)).json().path("value").findValuesAsText("name"))
        .doesNotContain(name);
    assertThat(server.desiredEntries(name)).isEmpty();

    // gone: DELETE again is 204
    ArmClient.Response missing = client.delete(v(config(name)));
    assertThat(missing.status()).isEqualTo(204);
    Arm.assertNoLro(missing);
  }

  @Test
  void deleteOfAMissingConfigurationIs204() {
    ArmClient.Response response = client.delete(v(config("delete-never-existed")));

    assertThat(response.status()).isEqualTo(204);
    assertThat(response.text()).isEmpty();
    Arm.assertCommonHeaders(response);
    Arm.assertNoLro(response);

    // also on a cluster nobody registered
    String otherCluster =
        "/subscriptions/subId1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters/never"
            + "/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/x";
    assertThat(client.delete(v(otherCluster)).status()).isEqualTo(204);
  }

  @Test
  void forceDeleteRemovesTheRecordAtOnce() {
    String name = "delete-force";
    server.createAndSync(name, Bodies.git());

    ArmClient.Response deleted = client.delete(v(config(name) + "?forceDelete=true"));

    assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
    assertThat(deleted.text()).isEmpty();
    Arm.assertNoLro(deleted);
    Arm.assertError(client.get(v(config(name))), 404, "ResourceNotFound");
    assertThat(client.get(v(ArmClient.COLLECTION)).json().path("value").findValuesAsText("name"))
        .doesNotContain(name);
    // the cluster still learns of the deletion
    assertThat(server.desiredEntries(name))
        .singleElement()
        .satisfies(e -> assertThat(e.deleted() && e.forceDeleted()).isTrue());
    assertThat(client.delete(v(config(name) + "?forceDelete=true")).status()).isEqualTo(204);

    server.syncClusters();

    // the cluster confirmed: the tombstone is gone and the name is free again
    assertThat(server.desiredEntries(name)).isEmpty();
    ArmClient.Response recreated = client.put(v(config(name)), Bodies.git());
    assertThat(recreated.status()).as("%s", recreated).isEqualTo(201);
    assertThat(recreated.json().at("/properties/provisioningState").asText()).isEqualTo("Creating");
    server.syncClusters();
    assertThat(client.get(v(config(name))).json().at("/properties/provisioningState").asText())
        .isEqualTo("Succeeded");
  }

  @Test
  void forceDeleteDuringACreateCancelsIt() {
    String name = "delete-force-running";
    ArmClient.Response put = client.put(v(config(name)), Bodies.git());
    Arm.Lro create = Arm.assertLro(put, client.base(), config(name), "2025-04-01");

    assertThat(client.delete(v(config(name) + "?forceDelete=true")).status()).isEqualTo(200);

    JsonNode operation = client.get(create.asyncOperationUrl()).json();
    assertThat(operation.path("status").asText()).isEqualTo("Canceled");
    assertThat(operation.at("/error/code").asText()).isEqualTo("OperationCanceled");
    server.syncClusters();
    Arm.assertError(client.get(v(config(name))), 404, "ResourceNotFound");
    assertThat(client.get(create.asyncOperationUrl()).json().path("status").asText())
        .isEqualTo("Canceled");
  }

  @Test
  void forceDeleteMustBeABoolean() {
    String name = "delete-force-bad";
    server.createAndSync(name, Bodies.git());

    JsonNode error =
        Arm.assertError(
            client.delete(v(config(name) + "?forceDelete=yes")), 400, "InvalidQueryParameter");

    assertThat(error.path("target").asText()).isEqualTo("forceDelete");
    assertThat(client.get(v(config(name))).json().at("/properties/provisioningState").asText())
        .isEqualTo("Succeeded");
  }
}
