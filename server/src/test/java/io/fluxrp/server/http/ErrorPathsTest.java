package io.fluxrp.server.http;

import static io.fluxrp.server.testing.ArmClient.config;
import static io.fluxrp.server.testing.ArmClient.v;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxrp.server.testing.Arm;
import io.fluxrp.server.testing.ArmClient;
import io.fluxrp.server.testing.Bodies;
import io.fluxrp.server.testing.PlantedSecrets;
import io.fluxrp.server.testing.SharedTestServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the HTTP pipeline answers before a request reaches the configuration service: body parsing,
 * media types, routing, api-version, authentication, and the headers of every response.
 */
@ExtendWith(PlantedSecrets.NoLeaks.class)
class ErrorPathsTest {
  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  @RegisterExtension static final SharedTestServer server = new SharedTestServer();
  private static final ArmClient client = server.client();

  private static void assertNotCreated(String name) {
    Arm.assertError(client.get(v(config(name))), 404, "ResourceNotFound");
  }

  @Test
  void malformedJsonIs400() {
    for (String body :
        new String[] {
          "{\"properties\": {", "{'properties': {}}", "{\"properties\": {}} trailing", "nul"
        }) {
      ArmClient.Response response = client.put(v(config("err-json")), body);
      Arm.assertError(response, 400, "InvalidRequestContent");
    }
    assertNotCreated("err-json");
  }

  @Test
  void invalidUtf8Is400() {
    byte[] body = "{\"properties\": {\"namespace\": \"XX\"}}".getBytes(StandardCharsets.US_ASCII);
    int at = new String(body, StandardCharsets.US_ASCII).indexOf("XX");
    body[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte: not UTF-8
    body[at + 1] = (byte) 0x28;

    ArmClient.Response response = client.sendBytes("PUT", v(config("err-utf8")), body, JSON);

    Arm.assertError(response, 400, "InvalidRequestContent");
    assertNotCreated("err-utf8");
  }

  @Test
  void aBodyThatIsNotAnObjectIs400() {
    for (String body : new String[] {"[]", "[{\"properties\": {}}]", "\"text\"", "42", "null"}) {
      ArmClient.Response response = client.put(v(config("err-array")), body);
      Arm.assertError(response, 400, "InvalidRequestContent");
    }
    assertNotCreated("err-array");
  }

  @Test
  void duplicateKeysAre400() {
    ArmClient.Response response =
        client.put(
            v(config("err-dup")),
            "{\"properties\": {\"namespace\": \"a\", \"namespace\": \"b\", \"gitRepository\":"
                + " {\"url\": \"https://github.com/fluxrp/demo\"}}}");

    JsonNode error = Arm.assertError(response, 400, "InvalidRequestContent");
    assertThat(error.path("message").asText()).contains("namespace");
    assertNotCreated("err-dup");
  }

  @Test
  void deepNestingIs400() {
    String body = "{\"a\": ".repeat(100) + "1" + "}".repeat(100);

    ArmClient.Response response = client.put(v(config("err-deep")), body);

    Arm.assertError(response, 400, "InvalidRequestContent");
    assertNotCreated("err-deep");
  }

  @Test
  void anEmptyBodyIs400() {
    Arm.assertError(client.put(v(config("err-empty")), ""), 400, "InvalidRequestContent");
    assertNotCreated("err-empty");
  }

  @Test
  void aBodyOver4MbIs413() {
    char[] filler = new char[4 * 1024 * 1024];
    Arrays.fill(filler, 'x');
    String body =
        "{\"properties\": {\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\","
            + " \"httpsUser\": \""
            + new String(filler)
            + "\"}}}";

    ArmClient.Response response = client.put(v(config("err-large")), body);
    Arm.assertError(response, 413, "RequestEntityTooLarge");

    // the same without a Content-Length (chunked): counted while reading
    ArmClient.Response chunked =
        client.sendChunked(
            "PUT", v(config("err-large")), body.getBytes(StandardCharsets.UTF_8), JSON);
    Arm.assertError(chunked, 413, "RequestEntityTooLarge");
    assertNotCreated("err-large");

    // just under the limit is read (and then judged on its content)
    String under =
        "{\"properties\": {\"gitRepository\": {\"url\": \"https://github.com/fluxrp/demo\"},"
            + " \"kustomizations\": {\"a\": {\"path\": \""
            + "x".repeat(4 * 1024 * 1024 - 200)
            + "\"}}}}";
    ArmClient.Response accepted = client.put(v(config("err-large")), under);
    assertThat(accepted.status()).as("%s", accepted.status()).isEqualTo(201);
  }

  @Test
  void otherMediaTypesAre415() {
    String body = Bodies.git();
    Arm.assertError(
        client.send("PUT", v(config("err-media")), body, Map.of("Content-Type", "text/plain")),
        415,
        "UnsupportedMediaType");
    Arm.assertError(
        client.send("PUT", v(config("err-media")), body, Map.of()), 415, "UnsupportedMediaType");
    Arm.assertError(
        client.send(
            "PATCH",
            v(config("err-media")),
            "{}",
            Map.of("Content-Type", "application/json; charset=iso-8859-1")),
        415,
        "UnsupportedMediaType");
    assertNotCreated("err-media");
    // charset and merge-patch variants are accepted
    assertThat(
            client
                .send(
                    "PUT",
                    v(config("err-media")),
                    body,
                    Map.of("Content-Type", "application/json; charset=UTF-8"))
                .status())
        .isEqualTo(201);
    assertThat(
            client
                .send(
                    "PATCH",
                    v(config("err-media")),
                    "{\"properties\": {\"suspend\": true}}",
                    Map.of("Content-Type", "application/merge-patch+json"))
                .status())
        .isEqualTo(202);
  }

  @Test
  void unknownPathsAre404NotFound() {
    for (String path :
        new String[] {
          "/",
          "/subscriptions/subId1",
          v("/subscriptions/subId1/resourceGroups/rg1"),
          v(ArmClient.CLUSTER + "/providers/Microsoft.KubernetesConfiguration/extensions/x"),
          v(config("x") + "/status"),
          v(config("x") + "/operations"),
        }) {
      ArmClient.Response response = client.get(path);
      Arm.assertError(response, 404, "NotFound");
    }
    // before authentication: no token needed to learn a path does not exist
    Arm.assertError(
        client.send("GET", "/nope", null, Map.of("Authorization", "")), 404, "NotFound");
  }

  @Test
  void unsupportedMethodsAre405WithAllow() {
    ArmClient.Response post = client.sendJson("POST", v(config("err-post")), "{}", Map.of());
    Arm.assertError(post, 405, "MethodNotAllowed");
    assertThat(post.header("Allow")).contains("GET, PUT, PATCH, DELETE");

    ArmClient.Response putCollection =
        client.sendJson("PUT", v(ArmClient.COLLECTION), "{}", Map.of());
    Arm.assertError(putCollection, 405, "MethodNotAllowed");
    assertThat(putCollection.header("Allow")).contains("GET");

    ArmClient.Response deleteOperation = client.delete(v(config("err-post") + "/operations/123"));
    Arm.assertError(deleteOperation, 405, "MethodNotAllowed");
    assertThat(deleteOperation.header("Allow")).contains("GET");
    assertNotCreated("err-post");
  }

  @Test
  void apiVersionIsRequiredAndChecked() {
    String path = config("err-version");

    JsonNode missing =
        Arm.assertError(client.put(path, Bodies.git()), 400, "MissingApiVersionParameter");
    assertThat(missing.path("message").asText()).contains("api-version");
    Arm.assertError(client.get(path + "?api-version="), 400, "MissingApiVersionParameter");

    JsonNode banana =
        Arm.assertError(
            client.put(path + "?api-version=banana", Bodies.git()),
            400,
            "InvalidApiVersionParameter");
    assertThat(banana.path("message").asText()).contains("banana");

    JsonNode old =
        Arm.assertError(
            client.put(v(path, "2021-01-01"), Bodies.git()), 400, "NoRegisteredProviderFound");
    // the message names the version asked for and every supported one
    assertThat(old.path("message").asText())
        .contains("2021-01-01")
        .contains(ArmClient.API_VERSIONS);
    Arm.assertError(client.get(v(path, "2025-04-01-preview")), 400, "NoRegisteredProviderFound");
    assertNotCreated("err-version");
  }

  @Test
  void aValidTokenIsRequired() {
    String path = v(config("err-auth"));
    for (Map<String, String> auth :
        List.of(
            Map.of("Authorization", ""),
            Map.of("Authorization", "Bearer garbage"),
            Map.of("Authorization", "Bearer " + client.token() + "x"),
            Map.of("Authorization", "Basic YWRtaW46YWRtaW4="))) {
      ArmClient.Response get = client.send("GET", path, null, auth);
      Arm.assertError(get, 401, "InvalidAuthenticationToken");
      assertThat(get.header("WWW-Authenticate").orElse("")).startsWith("Bearer");
      ArmClient.Response put = client.sendJson("PUT", path, Bodies.git(), auth);
      Arm.assertError(put, 401, "InvalidAuthenticationToken");
      assertThat(put.header("WWW-Authenticate")).isPresent();
    }
    // authentication comes before the api-version check
    Arm.assertError(
        client.send("GET", config("err-auth"), null, Map.of("Authorization", "")),
        401,
        "InvalidAuthenticationToken");
    assertNotCreated("err-auth");
  }

  @Test
  void requestAndCorrelationIdsOnEveryResponse() {
    ArmClient.Response first = client.get(v(ArmClient.COLLECTION));
    ArmClient.Response second = client.get(v(ArmClient.COLLECTION));
    Arm.assertCommonHeaders(first);
    assertThat(first.header("x-ms-request-id")).isNotEqualTo(second.header("x-ms-request-id"));
    assertThat(first.header("x-ms-correlation-request-id")).isPresent();
    assertThat(first.header("x-ms-client-request-id")).isEmpty();

    ArmClient.Response correlated =
        client.send(
            "GET",
            v(config("err-ids")),
            null,
            Map.of(
                "x-ms-correlation-request-id", "corr-123",
                "x-ms-client-request-id", "client-456"));
    Arm.assertError(correlated, 404, "ResourceNotFound");
    assertThat(correlated.header("x-ms-correlation-request-id")).contains("corr-123");
    assertThat(correlated.header("x-ms-client-request-id")).isEmpty();

    ArmClient.Response echoed =
        client.send(
            "GET",
            v(ArmClient.COLLECTION),
            null,
            Map.of(
                "x-ms-client-request-id", "client-789",
                "x-ms-return-client-request-id", "true"));
    assertThat(echoed.status()).isEqualTo(200);
    assertThat(echoed.header("x-ms-client-request-id")).contains("client-789");

    // error responses before routing, authentication and api-version carry them too
    Map<String, String> correlation = Map.of("x-ms-correlation-request-id", "c-1");
    ArmClient.Response unrouted = client.send("GET", "/nope", null, correlation);
    Arm.assertError(unrouted, 404, "NotFound");
    assertThat(unrouted.header("x-ms-correlation-request-id")).contains("c-1");
    ArmClient.Response unauthenticated =
        client.send(
            "GET",
            v(ArmClient.COLLECTION),
            null,
            Map.of("Authorization", "", "x-ms-correlation-request-id", "c-1"));
    Arm.assertError(unauthenticated, 401, "InvalidAuthenticationToken");
    assertThat(unauthenticated.header("x-ms-correlation-request-id")).contains("c-1");
    ArmClient.Response unversioned = client.send("GET", ArmClient.COLLECTION, null, correlation);
    Arm.assertError(unversioned, 400, "MissingApiVersionParameter");
    assertThat(unversioned.header("x-ms-correlation-request-id")).contains("c-1");
  }

  @Test
  void theHealthEndpointNeedsNoTokenOrApiVersion() {
    ArmClient.Response health = client.send("GET", "/healthz", null, Map.of("Authorization", ""));
    assertThat(health.status()).as("%s", health).isEqualTo(200);
    Arm.assertCommonHeaders(health);
    assertThat(health.json()).isEqualTo(Bodies.parse("{\"status\": \"UP\"}"));
  }
}
