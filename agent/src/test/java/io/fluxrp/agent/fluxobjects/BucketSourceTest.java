package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.Fixtures.b64;
import static io.fluxrp.agent.fluxobjects.Fixtures.build;
import static io.fluxrp.agent.fluxobjects.Fixtures.decodedData;
import static io.fluxrp.agent.fluxobjects.Fixtures.json;
import static io.fluxrp.agent.fluxobjects.Fixtures.secret;
import static io.fluxrp.agent.fluxobjects.Fixtures.spec;
import static io.fluxrp.agent.fluxobjects.Fixtures.specOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketSourceTest {
  private static ConfigurationSpec bucket(String bucketJson, String settingsJson) {
    return spec(
        "data",
        """
        {"namespace": "ns1", "sourceKind": "Bucket", "bucket": %s,
         "configurationProtectedSettings": %s,
         "kustomizations": {"k": {}}}
        """
            .formatted(bucketJson, settingsJson));
  }

  @Test
  void aGenericBucketWithKeysGetsTheirSecret() {
    DesiredObjects desired =
        build(
            bucket(
                """
                {"url": "https://minio.example.com:9000", "bucketName": "manifests",
                 "timeoutInSeconds": 60, "syncIntervalInSeconds": 120, "accessKey": "AKIA1"}
                """,
                "{\"bucketSecretKey\": \"%s\"}".formatted(b64("wJalr/secret"))));

    assertThat(desired.source().getKind()).isEqualTo("Bucket");
    assertThat(specOf(desired.source()))
        .isEqualTo(
            json(
                """
                {"provider": "generic", "bucketName": "manifests",
                 "endpoint": "minio.example.com:9000", "insecure": false,
                 "interval": "120s", "timeout": "60s", "secretRef": {"name": "data-auth"},
                 "suspend": false}
                """));
    assertThat(decodedData(secret(desired, "data-auth")))
        .containsExactly(Map.entry("accesskey", "AKIA1"), Map.entry("secretkey", "wJalr/secret"));
    assertThat(specOf(desired.kustomizations().get(0)).get("sourceRef"))
        .isEqualTo(json("{\"kind\": \"Bucket\", \"name\": \"data\", \"namespace\": \"ns1\"}"));
  }

  @Test
  void insecureFollowsTheSchemeWhenAbsentAndTheValueWhenGiven() {
    assertThat(insecure("{\"url\": \"http://minio.minio.svc:9000\", \"bucketName\": \"b\"}"))
        .isTrue();
    assertThat(insecure("{\"url\": \"HTTP://minio:9000\", \"bucketName\": \"b\"}")).isTrue();
    assertThat(insecure("{\"url\": \"https://s3.amazonaws.com\", \"bucketName\": \"b\"}"))
        .isFalse();
    assertThat(
            insecure(
                "{\"url\": \"http://minio:9000\", \"bucketName\": \"b\", \"insecure\": false}"))
        .isFalse();
    assertThat(
            insecure(
                "{\"url\": \"https://minio:9000\", \"bucketName\": \"b\", \"insecure\": true}"))
        .isTrue();
  }

  private static boolean insecure(String bucketJson) {
    return specOf(build(bucket(bucketJson, "{}")).source()).get("insecure").asBoolean();
  }

  @Test
  void theEndpointLosesSchemeUserAndPath() {
    assertThat(endpoint("https://s3.eu-west-1.amazonaws.com/"))
        .isEqualTo("s3.eu-west-1.amazonaws.com");
    assertThat(endpoint("http://reader@minio.local:9000/some/path")).isEqualTo("minio.local:9000");
    assertThat(endpoint("http://[fd00::1]:9000")).isEqualTo("[fd00::1]:9000");
  }

  private static String endpoint(String url) {
    return specOf(
            build(bucket("{\"url\": \"%s\", \"bucketName\": \"b\"}".formatted(url), "{}")).source())
        .get("endpoint")
        .asText();
  }

  @Test
  void localAuthRefIsReferencedAndNoSecretIsManaged() {
    DesiredObjects desired =
        build(
            bucket(
                "{\"url\": \"https://minio:9000\", \"bucketName\": \"b\","
                    + " \"localAuthRef\": \"minio-creds\"}",
                "{}"));

    assertThat(specOf(desired.source()).get("secretRef"))
        .isEqualTo(json("{\"name\": \"minio-creds\"}"));
    assertThat(desired.secrets()).isEmpty();
  }

  @Test
  void aBucketWithoutKeysHasNoSecretRef() {
    DesiredObjects desired =
        build(bucket("{\"url\": \"https://minio:9000\", \"bucketName\": \"b\"}", "{}"));

    assertThat(specOf(desired.source()).has("secretRef")).isFalse();
    assertThat(desired.secrets()).isEmpty();
  }
}
