package io.fluxrp.server.fluxconfig;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.SharedTestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** If-Match / If-None-Match against the ETag header (the resource has no etag in its body). */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class ConditionalRequestsTest {
  private static final String OTHER_URL = "https://github.com/fluxrp/other";
  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  /** Creates configuration {@code name}, lets the cluster report; the ETag of the GET. */
  private static String created(String name) {
    return server.createAndSync(name, Bodies.git()).header("ETag").orElseThrow();
  }

  private static ArmClient.Response send(
      String method, String name, String body, String header, String value) {
    return client.sendJson(method, v(config(name)), body, Map.of(header, value));
  }

  @Test
  void theCurrentEtagIsAcceptedByIfMatch() {
    String name = "cond-match";
    String etag = created(name);
    assertThat(etag).matches("\"[^\"]+\"");
    assertThat(client.get(v(ArmClient.COLLECTION)).json().findValues("etag")).isEmpty();

    ArmClient.Response put = send("PUT", name, Bodies.git(OTHER_URL), "If-Match", etag);
    assertThat(put.status()).as("%s", put).isEqualTo(200);
    assertThat(put.json().at("/properties/provisioningState").asText()).isEqualTo("Updating");
    // the cluster has not reported on the new desired state yet
    assertThat(put.json().at("/properties/complianceState").asText()).isEqualTo("Pending");
    String etag2 = put.header("ETag").orElseThrow();
    assertThat(etag2).isNotEqualTo(etag);
    assertThat(client.get(v(config(name))).header("ETag")).contains(etag2);
    server.syncClusters();

    ArmClient.Response patch =
        send("PATCH", name, "{\"properties\": {\"suspend\": true}}", "If-Match", "W/" + etag2);
    assertThat(patch.status()).as("%s", patch).isEqualTo(202);
    String etag3 = patch.header("ETag").orElseThrow();
    server.syncClusters();

    ArmClient.Response delete = send("DELETE", name, null, "If-Match", etag3);
    assertThat(delete.status()).as("%s", delete).isEqualTo(202);
    server.syncClusters();
    Arm.assertError(client.get(v(config(name))), 404, "ResourceNotFound");
  }

  @Test
  void aStaleEtagFailsAndChangesNothing() {
    String name = "cond-stale";
    String stale = created(name);
    ArmClient.Response changed = client.put(v(config(name)), Bodies.git(OTHER_URL));
    assertThat(changed.status()).isEqualTo(200);
    server.syncClusters();
    ArmClient.Response current = client.get(v(config(name)));

    ArmClient.Response put = send("PUT", name, Bodies.git(), "If-Match", stale);
    Arm.assertError(put, 412, "PreconditionFailed");
    ArmClient.Response patch =
        send("PATCH", name, "{\"properties\": {\"suspend\": true}}", "If-Match", stale);
    Arm.assertError(patch, 412, "PreconditionFailed");
    ArmClient.Response delete = send("DELETE", name, null, "If-Match", stale);
    Arm.assertError(delete, 412, "PreconditionFailed");
    Arm.assertError(
        send("PUT", name, Bodies.git(), "If-Match", "\"bogus\""), 412, "PreconditionFailed");

    ArmClient.Response after = client.get(v(config(name)));
    assertThat(after.json()).isEqualTo(current.json());
    assertThat(after.header("ETag")).isEqualTo(current.header("ETag"));
  }

  @Test
  void ifNoneMatchStarCreatesOnlyWhenMissing() {
    String name = "cond-none-match";

    ArmClient.Response create = send("PUT", name, Bodies.git(), "If-None-Match", "*");
    assertThat(create.status()).as("%s", create).isEqualTo(201);
    server.syncClusters();
    ArmClient.Response before = client.get(v(config(name)));

    ArmClient.Response again = send("PUT", name, Bodies.git(OTHER_URL), "If-None-Match", "*");
    Arm.assertError(again, 412, "PreconditionFailed");
    assertThat(client.get(v(config(name))).json()).isEqualTo(before.json());

    // If-Match: * on an existing resource matches
    ArmClient.Response star = send("PUT", name, Bodies.git(OTHER_URL), "If-Match", "*");
    assertThat(star.status()).as("%s", star).isEqualTo(200);
  }

  @Test
  void ifMatchOnAMissingResource() {
    String name = "cond-missing";

    Arm.assertError(
        send("PUT", name, Bodies.git(), "If-Match", "\"1\""), 412, "PreconditionFailed");
    Arm.assertError(send("PUT", name, Bodies.git(), "If-Match", "*"), 412, "PreconditionFailed");
    Arm.assertError(client.get(v(config(name))), 404, "ResourceNotFound");
    Arm.assertError(
        send("PATCH", name, "{\"properties\": {\"suspend\": true}}", "If-Match", "\"1\""),
        404,
        "ResourceNotFound");
    ArmClient.Response delete = send("DELETE", name, null, "If-Match", "\"1\"");
    assertThat(delete.status()).isEqualTo(204);
    Arm.assertError(client.get(v(config(name))), 404, "ResourceNotFound");
  }
}
