package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.Fixtures.b64;
import static io.fluxrp.agent.fluxobjects.Fixtures.build;
import static io.fluxrp.agent.fluxobjects.Fixtures.decodedData;
import static io.fluxrp.agent.fluxobjects.Fixtures.json;
import static io.fluxrp.agent.fluxobjects.Fixtures.secret;
import static io.fluxrp.agent.fluxobjects.Fixtures.spec;
import static io.fluxrp.agent.fluxobjects.Fixtures.specOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciSourceTest {
  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  private static DesiredObjects oci(String extraJson) {
    return build(
        spec(
            "art",
            """
            {"namespace": "ns1", "sourceKind": "OCIRepository",
             "ociRepository": {"url": "oci://ghcr.io/org/manifests" %s},
             "kustomizations": {"k": {}}}
            """
                .formatted(extraJson.isEmpty() ? "" : ", " + extraJson)));
  }

  private static JsonNode ociSpec(String extraJson) {
    return specOf(oci(extraJson).source());
  }

  @Test
  void aPlainOciSourceHasTheUrlIntervalsAndNoSecrets() {
    DesiredObjects desired = oci("\"insecure\": false, \"useWorkloadIdentity\": false");

    assertThat(desired.source().getKind()).isEqualTo("OCIRepository");
    assertThat(specOf(desired.source()))
        .isEqualTo(
            json(
                """
                {"url": "oci://ghcr.io/org/manifests", "interval": "600s", "timeout": "600s",
                 "insecure": false, "suspend": false}
                """));
    assertThat(desired.secrets()).isEmpty();
    assertThat(specOf(desired.kustomizations().get(0)).get("sourceRef").get("kind").asText())
        .isEqualTo("OCIRepository");
  }

  @Test
  void tagSemverAndDigestAreCopied() {
    assertThat(ociSpec("\"repositoryRef\": {\"tag\": \"v1\"}").get("ref"))
        .isEqualTo(json("{\"tag\": \"v1\"}"));
    assertThat(ociSpec("\"repositoryRef\": {\"semver\": \"~1.2\"}").get("ref"))
        .isEqualTo(json("{\"semver\": \"~1.2\"}"));
    assertThat(
            ociSpec(
                    "\"repositoryRef\": {\"tag\": \"latest\", \"digest\": \"%s\"}"
                        .formatted(DIGEST))
                .get("ref"))
        .isEqualTo(json("{\"tag\": \"latest\", \"digest\": \"%s\"}".formatted(DIGEST)));
  }

  @Test
  void theLayerSelectorIsCopied() {
    assertThat(
            ociSpec(
                    """
                    "layerSelector": {"mediaType": "application/vnd.cncf.flux.content.v1.tar+gzip",
                      "operation": "copy"}
                    """)
                .get("layerSelector"))
        .isEqualTo(
            json(
                """
                {"mediaType": "application/vnd.cncf.flux.content.v1.tar+gzip",
                 "operation": "copy"}
                """));
  }

  @Test
  void cosignVerificationWithKeysAndOidcIdentities() {
    String publicKey = "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----\n";
    DesiredObjects desired =
        oci(
            """
            "verify": {"provider": "cosign",
              "verificationConfig": {"cosign.pub": "%s"},
              "matchOidcIdentity": [
                {"issuer": "^https://token.actions.githubusercontent.com$",
                 "subject": "^https://github.com/org/.*$"}]}
            """
                .formatted(b64(publicKey)));

    assertThat(specOf(desired.source()).get("verify"))
        .isEqualTo(
            json(
                """
                {"provider": "cosign", "secretRef": {"name": "art-verify"},
                 "matchOIDCIdentity": [
                   {"issuer": "^https://token.actions.githubusercontent.com$",
                    "subject": "^https://github.com/org/.*$"}]}
                """));
    assertThat(decodedData(secret(desired, "art-verify")))
        .containsExactly(Map.entry("cosign.pub", publicKey));
  }

  @Test
  void notationVerificationWithCertificateAndTrustPolicy() {
    String policy = "{\"version\": \"1.0\", \"trustPolicies\": []}";
    DesiredObjects desired =
        oci(
            """
            "verify": {"provider": "Notation",
              "verificationConfig": {"ca.pem": "%s", "trustpolicy.json": "%s"}}
            """
                .formatted(b64("PEM"), b64(policy)));

    assertThat(specOf(desired.source()).get("verify"))
        .isEqualTo(json("{\"provider\": \"notation\", \"secretRef\": {\"name\": \"art-verify\"}}"));
    assertThat(decodedData(secret(desired, "art-verify")))
        .containsExactly(Map.entry("ca.pem", "PEM"), Map.entry("trustpolicy.json", policy));
  }

  @Test
  void keylessVerificationWithoutConfigHasNoSecretAndDefaultsToCosign() {
    DesiredObjects desired =
        oci("\"verify\": {\"matchOidcIdentity\": [{\"issuer\": \"i\", \"subject\": \"s\"}]}");

    assertThat(specOf(desired.source()).get("verify"))
        .isEqualTo(
            json(
                """
                {"provider": "cosign", "matchOIDCIdentity": [{"issuer": "i", "subject": "s"}]}
                """));
    assertThat(desired.secrets()).isEmpty();
  }

  @Test
  void tlsConfigBecomesTheCertSecret() {
    DesiredObjects desired =
        oci(
            """
            "tlsConfig": {"clientCertificate": "%s", "privateKey": "%s", "caCertificate": "%s"}
            """
                .formatted(b64("CERT"), b64("KEY"), b64("CA")));

    assertThat(specOf(desired.source()).get("certSecretRef"))
        .isEqualTo(json("{\"name\": \"art-tls\"}"));
    assertThat(decodedData(secret(desired, "art-tls")))
        .containsExactly(
            Map.entry("tls.crt", "CERT"), Map.entry("tls.key", "KEY"), Map.entry("ca.crt", "CA"));
  }

  @Test
  void anEmptyTlsConfigHasNoSecret() {
    DesiredObjects desired = oci("\"tlsConfig\": {}");

    assertThat(desired.secrets()).isEmpty();
    assertThat(specOf(desired.source()).has("certSecretRef")).isFalse();
  }

  @Test
  void workloadIdentityIsTheAzureProvider() {
    assertThat(ociSpec("\"useWorkloadIdentity\": true").get("provider").asText())
        .isEqualTo("azure");
    assertThat(ociSpec("\"useWorkloadIdentity\": false").has("provider")).isFalse();
  }

  @Test
  void serviceAccountNameAndInsecureAreCopied() {
    JsonNode spec = ociSpec("\"serviceAccountName\": \"puller\", \"insecure\": true");

    assertThat(spec.get("serviceAccountName").asText()).isEqualTo("puller");
    assertThat(spec.get("insecure").asBoolean()).isTrue();
  }

  @Test
  void localAuthRefIsTheSecretRef() {
    DesiredObjects desired = oci("\"localAuthRef\": \"regcred\"");

    assertThat(specOf(desired.source()).get("secretRef"))
        .isEqualTo(json("{\"name\": \"regcred\"}"));
    assertThat(desired.secrets()).isEmpty();
  }

  @Test
  void anUpperCaseSchemeIsLowered() {
    DesiredObjects desired =
        build(
            spec(
                "art",
                """
                {"sourceKind": "OCIRepository",
                 "ociRepository": {"url": "OCI://registry.corp/team/app"}}
                """));

    assertThat(specOf(desired.source()).get("url").asText())
        .isEqualTo("oci://registry.corp/team/app");
  }
}
