package io.fluxrp.model.schema;

import static io.fluxrp.model.testing.TestData.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.testing.TestData;
import io.fluxrp.model.version.ApiVersion;
import org.junit.jupiter.api.Test;

class MergePatchTest {

  private static ObjectNode exampleProperties(String file, String parameter, ObjectType type) {
    JsonNode body = TestData.readJson(TestData.example(file)).at("/parameters/" + parameter);
    return Requests.properties(body, type, ApiVersion.LATEST);
  }

  private static ObjectNode patch(String properties) {
    return Requests.properties(properties, FluxSchema.PATCH_RESOURCE, ApiVersion.LATEST);
  }

  @Test
  void theSpecsPatchExampleAppliedToItsCreateExample() {
    ObjectNode stored =
        Canonical.normalize(
            ReplaceMerge.apply(
                null,
                exampleProperties(
                    "CreateFluxConfiguration.json", "fluxConfiguration", FluxSchema.RESOURCE),
                ApiVersion.LATEST));
    ObjectNode patch =
        exampleProperties(
            "PatchFluxConfiguration.json", "fluxConfigurationPatch", FluxSchema.PATCH_RESOURCE);

    ObjectNode result = MergePatch.apply(stored, patch);

    // a null kustomization deletes it, a new key adds one
    assertThat(Canonical.kustomizationNames(result))
        .containsExactly("srs-kustomization2", "srs-kustomization3");
    // the modified kustomization is merged: changed fields, dependsOn cleared, the rest kept
    assertThat(result.at("/kustomizations/srs-kustomization2"))
        .isEqualTo(
            json(
                """
                {
                  'path': './test/alt-path',
                  'postBuild': {'substituteFrom': [
                    {'name': 'cluster-values', 'kind': 'ConfigMap', 'optional': true},
                    {'name': 'secret-name', 'kind': 'Secret', 'optional': false}]},
                  'prune': false,
                  'retryIntervalInSeconds': 600,
                  'syncIntervalInSeconds': 300,
                  'timeoutInSeconds': 600,
                  'wait': false,
                  'force': false
                }
                """));
    // the added kustomization has exactly what the patch says: no defaults applied by the patch
    assertThat(result.at("/kustomizations/srs-kustomization3"))
        .isEqualTo(json("{'path': './test/another-path', 'syncIntervalInSeconds': 300}"));
    // changed top-level and nested values
    assertThat(result.get("suspend").booleanValue()).isTrue();
    assertThat(result.at("/gitRepository/url").textValue())
        .isEqualTo("https://github.com/jonathan-innis/flux2-kustomize-helm-example.git");
    // everything the patch omits is unchanged
    for (String unchanged :
        new String[] {
          "scope", "namespace", "sourceKind", "waitForReconciliation", "reconciliationWaitDuration"
        }) {
      assertThat(result.get(unchanged)).as(unchanged).isEqualTo(stored.get(unchanged));
    }
    ObjectNode git = (ObjectNode) result.get("gitRepository").deepCopy();
    ObjectNode storedGit = (ObjectNode) stored.get("gitRepository").deepCopy();
    git.remove("url");
    storedGit.remove("url");
    assertThat(git).isEqualTo(storedGit);
  }

  @Test
  void anEmptySourceBlockRemovesIt() {
    ObjectNode stored =
        json("{'sourceKind': 'GitRepository', 'gitRepository': {'url': 'https://x/y'}}");
    ObjectNode result =
        MergePatch.apply(
            stored,
            patch(
                "{'sourceKind': 'Bucket', 'bucket': {'url': 'https://s3', 'bucketName': 'b'},"
                    + " 'gitRepository': {}, 'azureBlob': {}, 'ociRepository': {}}"));
    assertThat(result)
        .isEqualTo(
            json("{'sourceKind': 'Bucket', 'bucket': {'url': 'https://s3', 'bucketName': 'b'}}"));
  }

  @Test
  void protectedSettingsAreMergedPerKey() {
    ObjectNode stored =
        json(
            "{'configurationProtectedSettings': {'httpsKey': 'a', 'sshPrivateKey': 'b', 'x': 'c'}}");
    ObjectNode result =
        MergePatch.apply(
            stored,
            patch(
                "{'configurationProtectedSettings': {'sshPrivateKey': null, 'x': 'new', 'y': 'z'}}"));
    assertThat(result.get("configurationProtectedSettings"))
        .isEqualTo(json("{'httpsKey': 'a', 'x': 'new', 'y': 'z'}"));
  }

  @Test
  void noDefaultsAreAppliedToThePatch() {
    ObjectNode stored =
        Canonical.normalize(
            json(
                "{'sourceKind': 'OCIRepository', 'ociRepository': {'url': 'oci://ghcr.io/o/r',"
                    + " 'insecure': true, 'useWorkloadIdentity': true}, 'kustomizations': {'k':"
                    + " {'wait': false, 'postBuild': {'substituteFrom': [{'kind': 'Secret', 'name':"
                    + " 's', 'optional': true}]}}}}"));
    ObjectNode result =
        Canonical.normalize(
            MergePatch.apply(
                stored,
                patch(
                    "{'ociRepository': {'url': 'oci://ghcr.io/o/other'}, 'kustomizations': {'k': {'path': './x'}}}")));
    assertThat(result.at("/ociRepository/insecure").booleanValue()).isTrue();
    assertThat(result.at("/ociRepository/useWorkloadIdentity").booleanValue()).isTrue();
    assertThat(result.at("/ociRepository/url").textValue()).isEqualTo("oci://ghcr.io/o/other");
    assertThat(result.at("/kustomizations/k/wait").booleanValue()).isFalse();
    assertThat(result.at("/kustomizations/k/postBuild/substituteFrom/0/optional").booleanValue())
        .isTrue();
  }

  @Test
  void arraysAreReplacedAndNullsRemoveNestedValues() {
    ObjectNode stored =
        json(
            "{'gitRepository': {'url': 'u', 'repositoryRef': {'branch': 'main', 'tag': 'v1'}},"
                + " 'kustomizations': {'k': {'dependsOn': ['a', 'b']}}}");
    ObjectNode result =
        MergePatch.apply(
            stored,
            patch(
                "{'gitRepository': {'repositoryRef': {'tag': null}}, 'kustomizations': {'k':"
                    + " {'dependsOn': ['c']}}}"));
    assertThat(result)
        .isEqualTo(
            json(
                "{'gitRepository': {'url': 'u', 'repositoryRef': {'branch': 'main'}},"
                    + " 'kustomizations': {'k': {'dependsOn': ['c']}}}"));
  }

  @Test
  void theStoredStateIsNotModified() {
    ObjectNode stored = json("{'suspend': false, 'kustomizations': {'k': {'path': 'p'}}}");
    MergePatch.apply(stored, patch("{'suspend': true, 'kustomizations': {'k': null}}"));
    assertThat(stored)
        .isEqualTo(json("{'suspend': false, 'kustomizations': {'k': {'path': 'p'}}}"));
  }
}
