package io.fluxrp.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Assertions on the ARM shape of responses: error bodies, LRO headers, common headers. */
public final class Arm {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private Arm() {}

  /** Headers every response carries. */
  public static void assertCommonHeaders(ArmClient.Response response) {
    assertThat(response.header("x-ms-request-id"))
        .as("x-ms-request-id of %s", response)
        .isPresent();
    assertThat(response.header("Date")).as("Date of %s", response).isPresent();
    if (!response.text().isEmpty()) {
      assertThat(response.header("Content-Type").orElse(""))
          .as("Content-Type of %s", response)
          .startsWith("application/json");
    }
  }

  /**
   * An ARM error: the status, {@code {"error": {"code", "message", ...}}} with this code, and the
   * common headers. Returns the {@code error} object.
   */
  public static JsonNode assertError(ArmClient.Response response, int status, String code) {
    assertThat(response.status()).as("status of %s", response).isEqualTo(status);
    assertCommonHeaders(response);
    JsonNode body = response.json();
    assertThat(body.isObject()).isTrue();
    assertThat(fieldNames(body)).as("top level of an error body").containsExactly("error");
    JsonNode error = body.get("error");
    assertThat(error.path("code").asText()).as("error.code of %s", response).isEqualTo(code);
    assertThat(error.path("message").isTextual()).as("error.message").isTrue();
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(fieldNames(error))
        .isSubsetOf("code", "message", "target", "details", "additionalInfo");
    return error;
  }

  /**
   * A 400 InvalidRequestContent whose {@code error.details} target exactly {@code targets}, in this
   * order. Returns the {@code error} object.
   */
  public static JsonNode assertInvalidContent(ArmClient.Response response, String... targets) {
    JsonNode error = assertError(response, 400, "InvalidRequestContent");
    assertThat(detailTargets(response)).as("details of %s", response).containsExactly(targets);
    return error;
  }

  /** The {@code target}s of {@code error.details}, in order. */
  public static List<String> detailTargets(ArmClient.Response response) {
    return details(response, "target");
  }

  /** The {@code code}s of {@code error.details}, in order. */
  public static List<String> detailCodes(ArmClient.Response response) {
    return details(response, "code");
  }

  private static List<String> details(ArmClient.Response response, String field) {
    List<String> values = new ArrayList<>();
    response
        .json()
        .path("error")
        .path("details")
        .forEach(d -> values.add(d.path(field).asText(null)));
    return values;
  }

  /** The async-operation headers of a response that started (or joined) an operation. */
  public record Lro(String operationId, String asyncOperationUrl, String locationUrl) {}

  /**
   * Checks the LRO headers: Azure-AsyncOperation {@code <base><resourceId>/operations/<id>},
   * Location {@code .../operationResults/<id>} (same id), both absolute on the request's host with
   * the same api-version; an integer Retry-After; x-ms-async-operation-timeout PT48H; no
   * Operation-Location.
   */
  public static Lro assertLro(
      ArmClient.Response response, URI base, String resourceId, String apiVersion) {
    String async = response.header("Azure-AsyncOperation").orElse(null);
    String location = response.header("Location").orElse(null);
    assertThat(async).as("Azure-AsyncOperation of %s", response).isNotNull();
    assertThat(location).as("Location of %s", response).isNotNull();
    String prefix = base.toString() + resourceId;
    Matcher a =
        Pattern.compile(
                Pattern.quote(prefix + "/operations/")
                    + "("
                    + UUID.pattern()
                    + ")"
                    + Pattern.quote("?api-version=" + apiVersion))
            .matcher(async);
    assertThat(a.matches()).as("Azure-AsyncOperation %s under %s", async, prefix).isTrue();
    String id = a.group(1);
    assertThat(location)
        .isEqualTo(prefix + "/operationResults/" + id + "?api-version=" + apiVersion);
    assertThat(response.header("Retry-After").orElse("")).as("Retry-After").matches("[0-9]+");
    assertThat(response.header("x-ms-async-operation-timeout")).contains("PT48H");
    assertThat(response.header("Operation-Location")).isEmpty();
    return new Lro(id, async, location);
  }

  public static void assertNoLro(ArmClient.Response response) {
    assertThat(response.header("Azure-AsyncOperation"))
        .as("Azure-AsyncOperation of %s", response)
        .isEmpty();
    assertThat(response.header("Location")).as("Location of %s", response).isEmpty();
    assertThat(response.header("Operation-Location")).isEmpty();
  }

  public static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
