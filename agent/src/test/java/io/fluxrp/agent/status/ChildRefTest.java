package io.fluxrp.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChildRefTest {

  static Stream<Arguments> inventoryIds() {
    return Stream.of(
        Arguments.of(
            "flux-system_podinfo_helm.toolkit.fluxcd.io_HelmRelease",
            new ChildRef("helm.toolkit.fluxcd.io", "HelmRelease", "flux-system", "podinfo")),
        Arguments.of(
            "apps_podinfo_apps_Deployment", new ChildRef("apps", "Deployment", "apps", "podinfo")),
        Arguments.of(
            "apps_podinfo-config__ConfigMap",
            new ChildRef("", "ConfigMap", "apps", "podinfo-config")),
        Arguments.of("_apps__Namespace", new ChildRef("", "Namespace", "", "apps")),
        Arguments.of(
            "_tenants.example.com_apiextensions.k8s.io_CustomResourceDefinition",
            new ChildRef(
                "apiextensions.k8s.io", "CustomResourceDefinition", "", "tenants.example.com")),
        Arguments.of(
            "_system__podinfo-reader_rbac.authorization.k8s.io_ClusterRole",
            new ChildRef("rbac.authorization.k8s.io", "ClusterRole", "", "system:podinfo-reader")));
  }

  @ParameterizedTest
  @MethodSource("inventoryIds")
  void parsesKustomizeControllerInventoryIds(String id, ChildRef expected) {
    assertThat(ChildRef.fromInventoryId(id)).contains(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "podinfo",
        "apps_podinfo",
        "apps_podinfo_Deployment",
        "apps__apps_Deployment",
        "apps_podinfo_apps_",
        "apps_pod_info_apps_Deployment",
        "___",
        "____"
      })
  void rejectsWhatIsNotAnInventoryId(String id) {
    assertThat(ChildRef.fromInventoryId(id)).isEqualTo(Optional.empty());
  }
}
