package io.fluxrp.server.http;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.AdminApi;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ARM budgets over HTTP: 3 reads and 2 writes per hour per principal. */
class ThrottlingHttpTest {
  private static final String READS = "x-ms-ratelimit-remaining-subscription-reads";
  private static final String WRITES = "x-ms-ratelimit-remaining-subscription-writes";

  private final TestServer test =
      TestServer.start(
          c ->
              c.toBuilder()
                  .runEmulatedClusters(false)
                  .throttle(new ThrottleSettings(3, 2, Duration.ofHours(1)))
                  .build());
  private final ArmClient admin = test.client();

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void readsCountDownThen429WithRetryAfterAndTheArmErrorThenRecover() {
    String path = v(config("missing"));
    assertThat(admin.get(path).header(READS)).contains("2");
    assertThat(admin.get(path).header(READS)).contains("1");
    ArmClient.Response last = admin.get(path);
    assertThat(last.status()).isEqualTo(404);
    assertThat(last.header(READS)).contains("0");
    assertThat(last.header(WRITES)).isEmpty();

    ArmClient.Response throttled = admin.get(path);

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).contains("1200");
    assertThat(throttled.header(READS)).contains("0");
    assertThat(throttled.json().at("/error/code").asText()).isEqualTo("TooManyRequests");
    assertThat(throttled.json().at("/error/message").asText()).contains("3 reads per PT1H");

    test.clock().advance(Duration.ofSeconds(1199));
    assertThat(admin.get(path).status()).isEqualTo(429);
    test.clock().advance(Duration.ofSeconds(1));
    ArmClient.Response recovered = admin.get(path);
    assertThat(recovered.status()).isEqualTo(404);
    assertThat(recovered.header(READS)).contains("0");
  }

  @Test
  void writesHaveTheirOwnBudgetAndEveryPrincipalItsOwn() {
    String path = v(config("w"));
    ArmClient.Response first = admin.put(path, "{\"properties\": ");
    assertThat(first.status()).isEqualTo(400);
    assertThat(first.header(WRITES)).contains("1");
    assertThat(first.header(READS)).isEmpty();
    assertThat(admin.delete(path).header(WRITES)).contains("0");

    ArmClient.Response throttled = admin.patch(path, "{}");
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).contains("1800");

    assertThat(admin.get(path).header(READS)).as("reads are counted apart").contains("2");
    ArmClient.Response other = test.clientAs("someone-else", "x@contoso.com").delete(path);
    assertThat(other.status()).as("refused, but with its own budget: %s", other).isEqualTo(403);
    assertThat(other.header(WRITES)).contains("1");
  }

  @Test
  void theAdminAgentAndHealthApisAreNotThrottled() {
    String cluster = AdminApi.clusterId("throttle");
    String credential = new AdminApi(admin).registerAgent(cluster);
    for (int i = 0; i < 5; i++) {
      assertThat(admin.get(AdminApi.path(cluster)).status()).isEqualTo(200);
      ArmClient.Response feed =
          admin.send(
              "GET",
              "/agent/v1/desired?cluster="
                  + java.net.URLEncoder.encode(cluster, java.nio.charset.StandardCharsets.UTF_8),
              null,
              Map.of("Authorization", "Bearer " + credential));
      assertThat(feed.status()).isEqualTo(200);
      assertThat(feed.header(READS)).isEmpty();
      assertThat(admin.send("GET", "/healthz", null, Map.of()).status()).isEqualTo(200);
    }
    assertThat(admin.get(v(config("x"))).header(READS)).contains("2");
  }
}
