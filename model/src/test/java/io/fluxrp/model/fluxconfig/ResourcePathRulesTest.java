package io.fluxrp.model.fluxconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ErrorDetail;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourcePathRulesTest {
  private static final String SUB = "subId1";
  private static final String RG = "rg1";
  private static final String RP = "Microsoft.Kubernetes";
  private static final String TYPE = "connectedClusters";
  private static final String CLUSTER = "clusterName1";

  @Test
  void theSeedExamplePathIsValid() {
    // /subscriptions/subId1/resourceGroups/rg1/providers/Microsoft.Kubernetes/connectedClusters
    // /clusterName1/providers/Microsoft.KubernetesConfiguration/fluxConfigurations/srs-fluxconfig
    assertThat(ResourcePathRules.validate(SUB, RG, RP, TYPE, CLUSTER)).isEmpty();
    assertThat(ResourcePathRules.validateConfigurationName("srs-fluxconfig")).isEmpty();
  }

  static Stream<Arguments> validPaths() {
    return Stream.of(
        Arguments.of(
            "00000000-0000-0000-0000-000000000000",
            "My_RG-(prod).v2",
            "Microsoft.ContainerService",
            "managedClusters",
            "aks-01"),
        Arguments.of(
            SUB,
            "Ресурсы",
            "Microsoft.HybridContainerService",
            "provisionedClusters",
            "Cluster With Spaces"),
        Arguments.of(
            SUB, "r".repeat(90), "Microsoft.ResourceConnector", "appliances", "c".repeat(260)),
        Arguments.of(
            "s".repeat(260),
            "r".repeat(90),
            "Microsoft." + "k".repeat(250),
            "c".repeat(260),
            "c".repeat(260)));
  }

  @ParameterizedTest
  @MethodSource("validPaths")
  void validPathSegments(String sub, String rg, String rp, String type, String cluster) {
    assertThat(ResourcePathRules.validate(sub, rg, rp, type, cluster)).isEmpty();
  }

  static Stream<Arguments> invalidPaths() {
    return Stream.of(
        Arguments.of("subscriptionId", "", RG, RP, TYPE, CLUSTER),
        Arguments.of("subscriptionId", "sub/1", RG, RP, TYPE, CLUSTER),
        Arguments.of("subscriptionId", "sub%1", RG, RP, TYPE, CLUSTER),
        Arguments.of("resourceGroupName", SUB, "", RP, TYPE, CLUSTER),
        Arguments.of("resourceGroupName", SUB, "r".repeat(91), RP, TYPE, CLUSTER),
        Arguments.of("resourceGroupName", SUB, "rg#1", RP, TYPE, CLUSTER),
        Arguments.of("resourceGroupName", SUB, "rg1.", RP, TYPE, CLUSTER),
        Arguments.of("clusterRp", SUB, RG, "Kubernetes", TYPE, CLUSTER),
        Arguments.of("clusterRp", SUB, RG, "Microsoft..Kubernetes", TYPE, CLUSTER),
        Arguments.of("clusterRp", SUB, RG, "Microsoft.Kuber-netes", TYPE, CLUSTER),
        Arguments.of("clusterResourceName", SUB, RG, RP, "", CLUSTER),
        Arguments.of("clusterResourceName", SUB, RG, RP, "connected-clusters", CLUSTER),
        Arguments.of("clusterName", SUB, RG, RP, TYPE, ""),
        Arguments.of("clusterName", SUB, RG, RP, TYPE, "c".repeat(261)),
        Arguments.of("clusterName", SUB, RG, RP, TYPE, "a:b"),
        Arguments.of("clusterName", SUB, RG, RP, TYPE, "a%2Fb"),
        Arguments.of("clusterName", SUB, RG, RP, TYPE, "tab\there"),
        // every segment is bounded, so the cluster's id fits the store's key
        Arguments.of("subscriptionId", "s".repeat(261), RG, RP, TYPE, CLUSTER),
        Arguments.of("clusterRp", SUB, RG, "Microsoft." + "k".repeat(251), TYPE, CLUSTER),
        Arguments.of("clusterResourceName", SUB, RG, RP, "c".repeat(261), CLUSTER));
  }

  @ParameterizedTest(name = "{0}: {1} {2} {3} {4} {5}")
  @MethodSource("invalidPaths")
  void invalidPathSegment(
      String target, String sub, String rg, String rp, String type, String cluster) {
    List<ErrorDetail> problems = ResourcePathRules.validate(sub, rg, rp, type, cluster);
    assertThat(problems)
        .extracting(ErrorDetail::code, ErrorDetail::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ArmErrorCode.INVALID_PATH_PARAMETER.wire(), target));
  }

  @Test
  void everyBadSegmentIsReported() {
    assertThat(ResourcePathRules.validate("", "rg.", "x", "1", "a/b"))
        .extracting(ErrorDetail::target)
        .containsExactly(
            "subscriptionId",
            "resourceGroupName",
            "clusterRp",
            "clusterResourceName",
            "clusterName");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "srs-fluxconfig", "config.v2", "0abc"})
  void validConfigurationNames(String name) {
    assertThat(ResourcePathRules.validateConfigurationName(name)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Srs",
        "srs_config",
        "-srs",
        "srs-",
        ".srs",
        "a..b",
        "a?b",
        "a\u0001b",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void invalidConfigurationNames(String name) {
    List<ErrorDetail> problems = ResourcePathRules.validateConfigurationName(name);
    assertThat(problems)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(ArmErrorCode.INVALID_PATH_PARAMETER.wire());
              assertThat(d.target()).isEqualTo("fluxConfigurationName");
            });
  }

  @Test
  void aConfigurationNameOverTheArmLimitIsReportedAsSuch() {
    assertThat(ResourcePathRules.validateConfigurationName("a".repeat(261)))
        .singleElement()
        .extracting(ErrorDetail::message)
        .asString()
        .contains("at most 260");
    assertThat(ResourcePathRules.validateConfigurationName("a".repeat(64)))
        .singleElement()
        .extracting(ErrorDetail::message)
        .asString()
        .contains("at most 63");
  }

  @Test
  void messagesSayWhatIsWrong() {
    assertThat(ResourcePathRules.validateConfigurationName("Srs_Config"))
        .singleElement()
        .extracting(ErrorDetail::message)
        .asString()
        .contains("'Srs_Config'")
        .contains("upper-case");
    assertThat(ResourcePathRules.validate(SUB, RG, RP, TYPE, "a&b"))
        .singleElement()
        .extracting(ErrorDetail::message)
        .asString()
        .contains("'&'");
  }
}
