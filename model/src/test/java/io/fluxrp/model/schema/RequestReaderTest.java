package io.fluxrp.model.schema;

import static io.fluxrp.model.testing.TestData.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.model.version.ApiVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestReaderTest {
  private static RequestReader.Result put(String body, ApiVersion version) {
    return RequestReader.read(json(body), FluxSchema.RESOURCE, version);
  }

  private static RequestReader.Result put(String body) {
    return put(body, ApiVersion.LATEST);
  }

  private static ErrorDetail only(RequestReader.Result result) {
    assertThat(result.problems()).hasSize(1);
    return result.problems().get(0);
  }

  @Test
  void aValidBodyComesBackUnchanged() {
    String body =
        "{'properties': {'scope': 'cluster', 'gitRepository': {'url': 'https://x/y',"
            + " 'timeoutInSeconds': 60}, 'kustomizations': {'k': {'dependsOn': [], 'prune': true}},"
            + " 'configurationProtectedSettings': {'a': 'b'}}}";
    RequestReader.Result result = put(body);
    assertThat(result.ok()).isTrue();
    assertThat(result.body()).isEqualTo(json(body));
  }

  @Test
  void unknownPropertyIsReportedWithItsPathAndASuggestion() {
    ErrorDetail problem = only(put("{'properties': {'gitRepository': {'urll': 'https://x/y'}}}"));
    assertThat(problem.code()).isEqualTo(ArmErrorCode.UNKNOWN_PROPERTY.wire());
    assertThat(problem.target()).isEqualTo("properties.gitRepository.urll");
    assertThat(problem.message())
        .contains("'properties.gitRepository.urll'")
        .contains("GitRepositoryDefinition")
        .contains("Did you mean 'url'?");
  }

  @Test
  void unknownPropertyFarFromAnyNameHasNoSuggestion() {
    ErrorDetail problem = only(put("{'properties': {'colour': 'blue'}}"));
    assertThat(problem.code()).isEqualTo(ArmErrorCode.UNKNOWN_PROPERTY.wire());
    assertThat(problem.target()).isEqualTo("properties.colour");
    assertThat(problem.message()).doesNotContain("Did you mean");
  }

  @Test
  void unknownPropertyInsideAMapValueAndAnArrayItem() {
    RequestReader.Result result =
        put(
            "{'properties': {'kustomizations': {'infra.base': {'pathh': 'x', 'postBuild':"
                + " {'substituteFrom': [{'kind': 'Secret', 'nme': 'x'}]}}}}}");
    assertThat(result.problems())
        .extracting(ErrorDetail::target)
        .containsExactly(
            "properties.kustomizations['infra.base'].pathh",
            "properties.kustomizations['infra.base'].postBuild.substituteFrom[0].nme");
    assertThat(result.problems().get(1).message()).contains("Did you mean 'name'?");
  }

  @Test
  void propertyNotInTheApiVersionNamesTheFirstVersionThatHasIt() {
    ErrorDetail problem =
        only(
            put("{'properties': {'ociRepository': {'url': 'oci://x/y'}}}", ApiVersion.V2023_05_01));
    assertThat(problem.code()).isEqualTo(ArmErrorCode.PROPERTY_NOT_SUPPORTED_IN_API_VERSION.wire());
    assertThat(problem.target()).isEqualTo("properties.ociRepository");
    assertThat(problem.message()).contains("2023-05-01").contains("2024-04-01-preview");
  }

  @Test
  void nestedPropertyNotInTheApiVersion() {
    RequestReader.Result result =
        put(
            "{'properties': {'gitRepository': {'url': 'https://x/y', 'provider': 'Azure'},"
                + " 'kustomizations': {'k': {'wait': false}}}}",
            ApiVersion.V2022_11_01);
    assertThat(result.problems())
        .extracting(ErrorDetail::code, ErrorDetail::target)
        .containsExactly(
            tuple(
                ArmErrorCode.PROPERTY_NOT_SUPPORTED_IN_API_VERSION.wire(),
                "properties.gitRepository.provider"),
            tuple(
                ArmErrorCode.PROPERTY_NOT_SUPPORTED_IN_API_VERSION.wire(),
                "properties.kustomizations.k.wait"));
  }

  @Test
  void aSuggestionOnlyNamesPropertiesOfTheVersion() {
    String body = "{'properties': {'gitRepository': {'providr': 'Azure'}}}";
    ErrorDetail problem = only(put(body, ApiVersion.V2023_05_01));
    assertThat(problem.code()).isEqualTo(ArmErrorCode.UNKNOWN_PROPERTY.wire());
    assertThat(problem.target()).isEqualTo("properties.gitRepository.providr");
    assertThat(problem.message()).doesNotContain("provider");
    // where the version has the property, it is the suggestion
    assertThat(only(put(body, ApiVersion.V2024_11_01)).message())
        .contains("Did you mean 'provider'?");
  }

  @Test
  void readOnlyPropertiesAreDroppedSilently() {
    RequestReader.Result result =
        put(
            "{'id': '/subscriptions/x', 'name': 'n', 'type': 't', 'systemData': {'createdBy': 'me'},"
                + " 'properties': {'provisioningState': 'Succeeded', 'complianceState': 'Compliant',"
                + " 'statuses': [{'name': 'x'}], 'repositoryPublicKey': 'ssh-rsa AAA',"
                + " 'errorMessage': '', 'sourceUpdatedAt': 'not a date', 'kustomizations': {'k':"
                + " {'name': 'k', 'path': './p'}}}}");
    assertThat(result.problems()).isEmpty();
    assertThat(result.body())
        .isEqualTo(json("{'properties': {'kustomizations': {'k': {'path': './p'}}}}"));
  }

  @Test
  void wrongTypesAreReported() {
    RequestReader.Result result =
        put(
            "{'properties': {'suspend': 'true', 'gitRepository': {'timeoutInSeconds': 600.5,"
                + " 'syncIntervalInSeconds': 600.0, 'url': 42}, 'kustomizations': {'k':"
                + " {'dependsOn': 'a', 'retryIntervalInSeconds': 100000000000000000000000,"
                + " 'prune': 1}}, 'configurationProtectedSettings': {'a': 1}}}");
    assertThat(result.problems())
        .extracting(ErrorDetail::code)
        .containsOnly(ArmErrorCode.INVALID_PROPERTY_TYPE.wire());
    assertThat(result.problems())
        .extracting(ErrorDetail::target)
        .containsExactlyInAnyOrder(
            "properties.suspend",
            "properties.gitRepository.timeoutInSeconds",
            "properties.gitRepository.syncIntervalInSeconds",
            "properties.gitRepository.url",
            "properties.kustomizations.k.dependsOn",
            "properties.kustomizations.k.retryIntervalInSeconds",
            "properties.kustomizations.k.prune",
            "properties.configurationProtectedSettings.a");
    assertThat(messageFor(result, "properties.suspend"))
        .contains("must be a boolean, not a string");
    assertThat(messageFor(result, "properties.gitRepository.timeoutInSeconds"))
        .contains("must be an integer");
    assertThat(messageFor(result, "properties.kustomizations.k.dependsOn"))
        .contains("must be an array, not a string");
  }

  @Test
  void enumValuesAreMatchedIgnoringCaseAndCanonicalised() {
    RequestReader.Result result =
        put(
            "{'properties': {'scope': 'Cluster', 'sourceKind': 'gitrepository', 'gitRepository':"
                + " {'provider': 'GITHUB'}}}");
    assertThat(result.problems()).isEmpty();
    JsonNode properties = result.body().get("properties");
    assertThat(properties.get("scope").textValue()).isEqualTo("cluster");
    assertThat(properties.get("sourceKind").textValue()).isEqualTo("GitRepository");
    assertThat(properties.at("/gitRepository/provider").textValue()).isEqualTo("GitHub");
  }

  @Test
  void unknownEnumValueListsTheValuesOfTheVersion() {
    ErrorDetail problem =
        only(put("{'properties': {'sourceKind': 'Helm'}}", ApiVersion.V2022_03_01));
    assertThat(problem.code()).isEqualTo(ArmErrorCode.INVALID_PROPERTY_VALUE.wire());
    assertThat(problem.target()).isEqualTo("properties.sourceKind");
    assertThat(problem.message())
        .contains("'Helm'")
        .contains("Allowed values: GitRepository, Bucket.");
  }

  @Test
  void enumValueNewerThanTheVersionIsRefused() {
    ErrorDetail problem =
        only(put("{'properties': {'sourceKind': 'OCIRepository'}}", ApiVersion.V2023_05_01));
    assertThat(problem.code()).isEqualTo(ArmErrorCode.PROPERTY_NOT_SUPPORTED_IN_API_VERSION.wire());
    assertThat(problem.target()).isEqualTo("properties.sourceKind");
    assertThat(problem.message())
        .contains("2023-05-01")
        .contains("2024-04-01-preview")
        .contains("Allowed values: GitRepository, Bucket, AzureBlob.");

    ErrorDetail provider =
        only(
            put(
                "{'properties': {'gitRepository': {'provider': 'GitHub'}}}",
                ApiVersion.V2024_11_01));
    assertThat(provider.code())
        .isEqualTo(ArmErrorCode.PROPERTY_NOT_SUPPORTED_IN_API_VERSION.wire());
    assertThat(provider.target()).isEqualTo("properties.gitRepository.provider");
    assertThat(put("{'properties': {'gitRepository': {'provider': 'GitHub'}}}").ok()).isTrue();
  }

  @Test
  void nullItemsInArraysAreRefused() {
    RequestReader.Result result =
        put("{'properties': {'kustomizations': {'k': {'dependsOn': ['a', null, 'b']}}}}");
    ErrorDetail problem = only(result);
    assertThat(problem.code()).isEqualTo(ArmErrorCode.INVALID_PROPERTY_VALUE.wire());
    assertThat(problem.target()).isEqualTo("properties.kustomizations.k.dependsOn[1]");
  }

  @Test
  void nullsAreKeptForMergePatch() {
    RequestReader.Result result =
        RequestReader.read(
            json("{'properties': {'kustomizations': {'a': null, 'b': {'dependsOn': null}}}}"),
            FluxSchema.PATCH_RESOURCE,
            ApiVersion.LATEST);
    assertThat(result.problems()).isEmpty();
    assertThat(result.body().at("/properties/kustomizations/a")).isEqualTo(NullNode.getInstance());
    assertThat(result.body().at("/properties/kustomizations/b/dependsOn"))
        .isEqualTo(NullNode.getInstance());
  }

  @Test
  void propertyNamesAreMatchedIgnoringCase() {
    RequestReader.Result result = put("{'Properties': {'GitRepository': {'URL': 'https://x/y'}}}");
    assertThat(result.problems()).isEmpty();
    assertThat(result.body())
        .isEqualTo(json("{'properties': {'gitRepository': {'url': 'https://x/y'}}}"));
  }

  @Test
  void aPropertyGivenTwiceInDifferentCaseIsRefused() {
    ErrorDetail problem = only(put("{'properties': {'suspend': true, 'Suspend': false}}"));
    assertThat(problem.code()).isEqualTo(ArmErrorCode.INVALID_REQUEST_CONTENT.wire());
    assertThat(problem.target()).isEqualTo("properties.Suspend");
    assertThat(problem.message()).contains("'properties.suspend' is given more than once");
  }

  @Test
  void aReadOnlyOrUnsupportedPropertyGivenTwiceIsRefusedToo() {
    assertThat(only(put("{'name': 'a', 'NAME': 'b'}")).code())
        .isEqualTo(ArmErrorCode.INVALID_REQUEST_CONTENT.wire());
    RequestReader.Result result =
        put("{'properties': {'ociRepository': {}, 'OciRepository': {}}}", ApiVersion.V2022_03_01);
    assertThat(result.problems())
        .extracting(ErrorDetail::code)
        .containsExactly(
            ArmErrorCode.PROPERTY_NOT_SUPPORTED_IN_API_VERSION.wire(),
            ArmErrorCode.INVALID_REQUEST_CONTENT.wire());
  }

  @Test
  void aBodyThatIsNotAnObjectIsRefused() {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (JsonNode body : List.of(array, TextNode.valueOf("x"), NullNode.getInstance())) {
      RequestReader.Result result =
          RequestReader.read(body, FluxSchema.RESOURCE, ApiVersion.LATEST);
      ErrorDetail problem = only(result);
      assertThat(problem.code()).isEqualTo(ArmErrorCode.INVALID_PROPERTY_TYPE.wire());
      assertThat(problem.target()).isNull();
      assertThat(problem.message()).startsWith("The request body must be a JSON object");
    }
    assertThat(only(RequestReader.read(null, FluxSchema.RESOURCE, ApiVersion.LATEST)).message())
        .contains("not nothing");
  }

  @Test
  void everyProblemIsCollected() {
    RequestReader.Result result =
        put(
            "{'colour': 1, 'properties': {'scope': 'global', 'suspend': 1, 'ociRepository': {},"
                + " 'kustomizations': {'k': {'dependsOn': [null]}}}}",
            ApiVersion.V2022_03_01);
    assertThat(result.problems())
        .extracting(ErrorDetail::target)
        .containsExactly(
            "colour",
            "properties.scope",
            "properties.suspend",
            "properties.ociRepository",
            "properties.kustomizations.k.dependsOn[0]");
  }

  private static String messageFor(RequestReader.Result result, String target) {
    return result.problems().stream()
        .filter(p -> target.equals(p.target()))
        .findFirst()
        .orElseThrow()
        .message();
  }
}
