package io.fluxrp.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.RawHttp;
import io.fluxrp.server.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated bad input against one real server over HTTP: 10,500 requests with broken bodies, odd
 * paths, odd query strings and odd headers. None may get a 5xx or hang; every 4xx is an ARM error
 * body; and after each property the store reads exactly as before (LIST, the seeded configuration,
 * the cluster registry, the cluster's feed position).
 */
class BadInputPropertiesTest {
  private static final String SEEDED = "seeded";

  private static TestServer test;
  private static RawHttp http;
  private static StoreSnapshot before;

  @BeforeContainer
  static void start() {
    test = TestServer.start();
    test.createAndSync(SEEDED, Bodies.git());
    http = new RawHttp(test.server().baseUri());
    before = StoreSnapshot.of(test, SEEDED);
  }

  @AfterContainer
  static void stop() {
    http.close();
    test.close();
  }

  @AfterProperty
  void storeUnchanged() {
    assertThat(StoreSnapshot.of(test, SEEDED)).isEqualTo(before);
  }

  @Property(tries = 3_000)
  void badBodiesAreRejected(@ForAll("badBodies") BadBodies.BadBody body, @ForAll boolean patch) {
    RawRequest request =
        new RawRequest(
            patch ? "PATCH" : "PUT",
            ArmClient.v(ArmClient.config(patch ? SEEDED : "fuzz-body")),
            authorized(Map.of("Content-Type", "application/json")),
            body.bytes());
    ArmClient.Response response = send(request);
    assertThat(response.status()).as("%s -> %s", request, response).isBetween(400, 499);
    assertArmError(request, response);
  }

  @Property(tries = 2_500)
  void oddPathsAreHandled(@ForAll("badPaths") RawRequest unauthorized) {
    assertHandled(authorize(unauthorized));
  }

  @Property(tries = 2_500)
  void oddQueryStringsAreHandled(@ForAll("badQueries") RawRequest unauthorized) {
    assertHandled(authorize(unauthorized));
  }

  @Property(tries = 2_500)
  void oddHeadersAreRejected(@ForAll("badHeaders") RawRequest request) {
    ArmClient.Response response = send(request);
    assertThat(response.status()).as("%s -> %s", request, response).isBetween(400, 499);
    assertArmError(request, response);
  }

  @Provide
  Arbitrary<BadBodies.BadBody> badBodies() {
    return BadBodies.any();
  }

  @Provide
  Arbitrary<RawRequest> badPaths() {
    return BadPaths.any("2025-04-01");
  }

  @Provide
  Arbitrary<RawRequest> badQueries() {
    return BadQueries.any(SEEDED);
  }

  @Provide
  Arbitrary<RawRequest> badHeaders() {
    return BadHeaders.any(test.client().token());
  }

  private static RawRequest authorize(RawRequest request) {
    return new RawRequest(
        request.method(), request.target(), authorized(request.headers()), request.body());
  }

  private static Map<String, String> authorized(Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Authorization", "Bearer " + test.client().token());
    all.putAll(headers);
    return all;
  }

  private static ArmClient.Response send(RawRequest request) {
    return http.send(request.method(), request.target(), request.headers(), request.body());
  }

  /** No 5xx; a 4xx is an ARM error (HEAD answers carry no body). */
  private static void assertHandled(RawRequest request) {
    ArmClient.Response response = send(request);
    assertThat(response.status()).as("%s -> %s", request, response).isBetween(200, 499);
    if (response.status() >= 400 && !request.method().equals("HEAD")) {
      assertArmError(request, response);
    }
  }

  private static void assertArmError(RawRequest request, ArmClient.Response response) {
    JsonNode body = response.json();
    assertThat(body.isObject() && body.size() == 1 && body.has("error"))
        .as("ARM error body of %s -> %s", request, response)
        .isTrue();
    assertThat(body.at("/error/code").asText()).as("%s", response).isNotBlank();
    assertThat(body.at("/error/message").asText()).as("%s", response).isNotBlank();
  }
}
