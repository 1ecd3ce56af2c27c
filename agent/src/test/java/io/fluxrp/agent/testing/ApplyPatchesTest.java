package io.fluxrp.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ApplyPatchesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void applyReplacesContentAndLabelsButKeepsServerFields() {
    JsonNode current =
        json(
            """
            {"apiVersion":"v1","kind":"Secret","type":"Opaque",
             "metadata":{"name":"s","uid":"u1","resourceVersion":"7","finalizers":["f"],
                         "deletionTimestamp":"2030-01-01T00:00:00Z",
                         "labels":{"old":"x"},"annotations":{"a":"1"}},
             "data":{"username":"dQ==","password":"cA=="},"status":{"phase":"kept"}}""");
    JsonNode applied =
        json(
            """
            {"apiVersion":"v1","kind":"Secret",
             "metadata":{"name":"s","labels":{"new":"y"},"finalizers":["g"]},
             "stringData":{"identity":"key"}}""");

    JsonNode result = ApplyPatches.serverSideApply(current, applied);

    assertThat(result)
        .isEqualTo(
            json(
                """
                {"apiVersion":"v1","kind":"Secret",
                 "metadata":{"name":"s","uid":"u1","resourceVersion":"7","finalizers":["f","g"],
                             "deletionTimestamp":"2030-01-01T00:00:00Z","labels":{"new":"y"}},
                 "stringData":{"identity":"key"},"status":{"phase":"kept"}}"""));
  }

  @Test
  void applyToStatusChangesOnlyTheStatus() {
    JsonNode current = json("{\"spec\":{\"a\":1},\"status\":{\"b\":1}}");

    JsonNode result =
        ApplyPatches.serverSideApplyStatus(
            current, json("{\"spec\":{\"a\":2},\"status\":{\"b\":2}}"));

    assertThat(result).isEqualTo(json("{\"spec\":{\"a\":1},\"status\":{\"b\":2}}"));
  }

  @Test
  void mergePatchFollowsRfc7386() {
    JsonNode target = json("{\"a\":\"b\",\"c\":{\"d\":\"e\",\"f\":\"g\"},\"l\":[1,2,3]}");
    JsonNode patch = json("{\"a\":\"z\",\"c\":{\"f\":null},\"l\":[3],\"n\":{\"x\":null}}");

    assertThat(ApplyPatches.mergePatch(target, patch))
        .isEqualTo(json("{\"a\":\"z\",\"c\":{\"d\":\"e\"},\"l\":[3],\"n\":{}}"));
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
