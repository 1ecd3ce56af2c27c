package io.fluxrp.agent.status;

import static io.fluxrp.agent.status.FluxObjects.CONFIG;
import static io.fluxrp.agent.status.FluxObjects.NS;
import static io.fluxrp.agent.status.FluxObjects.gitRepository;
import static io.fluxrp.agent.status.FluxObjects.helmRelease;
import static io.fluxrp.agent.status.FluxObjects.kustomization;
import static io.fluxrp.agent.status.FluxObjects.ready;
import static io.fluxrp.agent.status.StatusMapperTest.managedKustomization;
import static io.fluxrp.agent.status.StatusMapperTest.source;
import static io.fluxrp.model.fluxconfig.ComplianceState.COMPLIANT;
import static io.fluxrp.model.fluxconfig.ComplianceState.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fluxrp.model.fluxconfig.HelmReleasePropertiesDefinition;
import io.fluxrp.model.fluxconfig.ObjectStatusConditionDefinition;
import io.fluxrp.model.fluxconfig.ObjectStatusDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Shapes Flux never writes read as absent; nothing throws. */
class StatusMapperMalformedTest {

  @Test
  void unexpectedShapesReadAsAbsent() {
    GenericKubernetesResource source =
        gitRepository(CONFIG)
            .status("conditions", Map.of("type", "Ready", "status", "True"))
            .status("artifact", List.of("main@sha1:0ba6f0d3"))
            .status("observedGeneration", "1")
            .build();
    GenericKubernetesResource app =
        kustomization("cfg-app")
            .status(
                "conditions",
                List.of(
                    "Ready",
                    Map.of("status", "True", "reason", "ReconciliationSucceeded"),
                    Map.of("type", "Ready", "status", true, "reason", 42, "message", List.of())))
            .status("inventory", List.of("flux-system_podinfo_helm.toolkit.fluxcd.io_HelmRelease"))
            .build();
    GenericKubernetesResource noStatus = kustomization("cfg-other").rawStatus("Ready").build();
    ObservedConfiguration observed =
        new ObservedConfiguration(
            CONFIG,
            NS,
            false,
            "GitRepository",
            source,
            List.of("cfg-app", "cfg-other"),
            Map.of("cfg-app", app, "cfg-other", noStatus),
            Map.of());

    assertThat(StatusMapper.map(observed))
        .isEqualTo(
            new ConfigurationStatus(
                List.of(
                    source(PENDING),
                    new ObjectStatusDefinition(
                        "cfg-app",
                        NS,
                        "Kustomization",
                        PENDING,
                        null,
                        List.of(
                            new ObjectStatusConditionDefinition(null, null, null, null, "Ready")),
                        null),
                    managedKustomization("cfg-other", PENDING)),
                PENDING,
                null,
                null));
  }

  @Test
  void observedGenerationThatIsNotANumberIsNotStale() {
    GenericKubernetesResource source =
        gitRepository(CONFIG)
            .generation(5, 1)
            .status("observedGeneration", "5")
            .conditions(ready("True", "Succeeded", "stored artifact for revision 'sha1:0ba6f0d3'"))
            .build();

    assertThat(StatusMapper.map(configuration(source)).statuses().getFirst().complianceState())
        .isEqualTo(COMPLIANT);
  }

  @Test
  void objectWithoutMetadataOrProperties() {
    GenericKubernetesResource bare = new GenericKubernetesResource();
    bare.setAdditionalProperties(null);

    assertThat(StatusMapper.map(configuration(bare)))
        .isEqualTo(new ConfigurationStatus(List.of(source(PENDING)), PENDING, null, null));
    assertThat(StatusMapper.childrenOf(bare)).isEmpty();
    assertThat(StatusMapper.chartOf(bare)).isEmpty();
  }

  @Test
  void helmReleasePropertiesOfTheWrongShapeAreLeftOut() {
    GenericKubernetesResource release =
        helmRelease("podinfo")
            .status("history", Map.of("version", 3))
            .status("failures", "2")
            .status("installFailures", List.of(1))
            .status("upgradeFailures", 4)
            .status("helmChart", List.of("flux-system", "flux-system-podinfo"))
            .build();
    GenericKubernetesResource firstSnapshotNotAnObject =
        helmRelease("podinfo").status("history", List.of(3, Map.of("version", 2))).build();

    assertThat(HelmReleaseProperties.of(release))
        .isEqualTo(new HelmReleasePropertiesDefinition(null, null, null, null, 4L));
    assertThat(HelmReleaseProperties.of(firstSnapshotNotAnObject)).isNull();
  }

  @Property(tries = 300)
  void neverThrowsWhateverTheStatusHolds(
      @ForAll("anything") Object status,
      @ForAll("anything") Object inventory,
      @ForAll("anything") Object generation) {
    Map<String, Object> mixed = new HashMap<>();
    mixed.put("conditions", status);
    mixed.put("observedGeneration", generation);
    mixed.put("inventory", inventory);
    mixed.put("artifact", status);
    mixed.put("history", inventory);
    mixed.put("helmChart", generation);
    mixed.put("failures", status);
    mixed.put("lastAppliedRevision", generation);
    List<GenericKubernetesResource> objects = new ArrayList<>();
    for (Object whole : new Object[] {status, mixed}) {
      GenericKubernetesResource object = new GenericKubernetesResource();
      object.setMetadata(new ObjectMetaBuilder().withName("cfg-app").withGeneration(2L).build());
      object.setAdditionalProperty("status", whole);
      objects.add(object);
    }
    for (GenericKubernetesResource object : objects) {
      ChildRef release = new ChildRef("helm.toolkit.fluxcd.io", "HelmRelease", NS, "podinfo");
      ObservedConfiguration observed =
          new ObservedConfiguration(
              CONFIG,
              NS,
              false,
              "GitRepository",
              object,
              List.of("cfg-app"),
              Map.of("cfg-app", object),
              Map.of(release, object));
      assertThatCode(
              () -> {
                StatusMapper.map(observed);
                StatusMapper.childrenOf(object);
                StatusMapper.chartOf(object);
                HelmReleaseProperties.of(object);
              })
          .doesNotThrowAnyException();
    }
  }

  @Provide
  Arbitrary<Object> anything() {
    Arbitrary<Object> scalars =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(12).map(Object.class::cast),
            Arbitraries.longs().map(Object.class::cast),
            Arbitraries.doubles().map(Object.class::cast),
            Arbitraries.of(true, false).map(Object.class::cast),
            Arbitraries.just(null),
            Arbitraries.of("Ready", "True", "False", "ns/name", "a_b_c_d", "flux-system/podinfo")
                .map(Object.class::cast));
    return Arbitraries.recursive(
        () -> scalars,
        element ->
            Arbitraries.oneOf(
                element.list().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.maps(
                        Arbitraries.of(
                            "type",
                            "status",
                            "reason",
                            "message",
                            "id",
                            "entries",
                            "version",
                            "revision",
                            "lastUpdateTime"),
                        element)
                    .ofMaxSize(4)
                    .map(Object.class::cast)),
        3);
  }

  private static ObservedConfiguration configuration(GenericKubernetesResource source) {
    return new ObservedConfiguration(
        CONFIG, NS, false, "GitRepository", source, List.of(), Map.of(), Map.of());
  }
}
