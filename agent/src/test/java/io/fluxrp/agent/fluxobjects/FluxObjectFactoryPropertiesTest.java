package io.fluxrp.agent.fluxobjects;

import static io.fluxrp.agent.fluxobjects.Fixtures.CRDS;
import static io.fluxrp.agent.fluxobjects.Fixtures.b64;
import static io.fluxrp.agent.fluxobjects.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fluxrp.model.fluxconfig.AzureBlobDefinition;
import io.fluxrp.model.fluxconfig.BucketDefinition;
import io.fluxrp.model.fluxconfig.FluxConfigurationProperties;
import io.fluxrp.model.fluxconfig.GitRepositoryDefinition;
import io.fluxrp.model.fluxconfig.KubernetesNames;
import io.fluxrp.model.fluxconfig.KustomizationDefinition;
import io.fluxrp.model.fluxconfig.LayerOperation;
import io.fluxrp.model.fluxconfig.LayerSelectorDefinition;
import io.fluxrp.model.fluxconfig.ManagedIdentityDefinition;
import io.fluxrp.model.fluxconfig.MatchOidcIdentityDefinition;
import io.fluxrp.model.fluxconfig.OciRepositoryDefinition;
import io.fluxrp.model.fluxconfig.OciRepositoryRefDefinition;
import io.fluxrp.model.fluxconfig.PostBuildDefinition;
import io.fluxrp.model.fluxconfig.ProviderType;
import io.fluxrp.model.fluxconfig.RepositoryRefDefinition;
import io.fluxrp.model.fluxconfig.ScopeType;
import io.fluxrp.model.fluxconfig.ServicePrincipalDefinition;
import io.fluxrp.model.fluxconfig.SourceKind;
import io.fluxrp.model.fluxconfig.SubstituteFromDefinition;
import io.fluxrp.model.fluxconfig.TlsConfigDefinition;
import io.fluxrp.model.fluxconfig.VerifyDefinition;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For any valid-looking configuration the factory builds objects the cluster would accept. */
class FluxObjectFactoryPropertiesTest {
  private static final SshIdentity IDENTITY =
      new SshIdentity(TestKeys.pkcs8Pem(TestKeys.RSA), TestKeys.sshRsaLine(TestKeys.RSA));
  private static final FluxApis OLDER_FLUX =
      new FluxApis(
          FluxApis.V1.gitRepository(),
          "source.toolkit.fluxcd.io/v1beta2",
          "source.toolkit.fluxcd.io/v1beta2",
          FluxApis.V1.kustomization());
  private static final Pattern SECRET_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");

  /** What a source kind contributes to the properties. */
  private record Source(
      SourceKind kind,
      GitRepositoryDefinition git,
      BucketDefinition bucket,
      AzureBlobDefinition blob,
      OciRepositoryDefinition oci,
      Map<String, String> settings) {}

  /** The first part of an OCI source (combinators take at most eight arbitraries). */
  private record OciBasics(
      String repository,
      Long timeout,
      Long interval,
      OciRepositoryRefDefinition ref,
      LayerSelectorDefinition layerSelector,
      VerifyDefinition verify) {}

  @Property(tries = 400)
  void everyFluxObjectPassesItsCrdSchema(
      @ForAll("configurations") ConfigurationSpec spec, @ForAll boolean olderFlux) {
    DesiredObjects desired =
        FluxObjectFactory.build(spec, olderFlux ? OLDER_FLUX : FluxApis.V1, Optional.of(IDENTITY));

    GenericKubernetesResource source = desired.source();
    for (GenericKubernetesResource object : desired.objects()) {
      JsonNode node = tree(object);
      assertThat(object.getMetadata().getLabels())
          .containsEntry(ManagedLabels.MANAGED, "true")
          .containsEntry(ManagedLabels.NAMESPACE, spec.namespace());
      assertThat(KubernetesNames.subdomainProblem(object.getMetadata().getName(), 253)).isEmpty();
      if (object.getApiVersion().contains("fluxcd.io")) {
        assertThat(CRDS.problems(object)).as(Fixtures.describe(object)).isEmpty();
        assertThat(FluxCelRules.problems(node)).as(Fixtures.describe(object)).isEmpty();
      }
      if (object.getKind().equals("Secret")) {
        node.get("data")
            .fields()
            .forEachRemaining(
                e -> {
                  assertThat(e.getKey()).matches(SECRET_KEY);
                  Base64.getDecoder().decode(e.getValue().textValue());
                });
      }
    }
    int definitions =
        spec.properties().kustomizations() == null ? 0 : spec.properties().kustomizations().size();
    assertThat(desired.kustomizations())
        .hasSize(definitions)
        .allSatisfy(
            k -> {
              JsonNode sourceRef = tree(k).get("spec").get("sourceRef");
              assertThat(sourceRef.get("kind").asText()).isEqualTo(source.getKind());
              assertThat(sourceRef.get("name").asText()).isEqualTo(source.getMetadata().getName());
              assertThat(k.getMetadata().getName().length()).isLessThanOrEqualTo(63);
            });
  }

  @Provide
  Arbitrary<ConfigurationSpec> configurations() {
    Arbitrary<String> name = dnsLabel(30);
    Arbitrary<FluxConfigurationProperties> properties =
        Combinators.combine(
                Arbitraries.of(ScopeType.class).injectNull(0.2),
                dnsLabel(63).injectNull(0.1),
                Arbitraries.of(true, false).injectNull(0.2),
                sources(),
                kustomizations())
            .as(
                (scope, namespace, suspend, source, kustomizations) ->
                    new FluxConfigurationProperties(
                        scope,
                        namespace,
                        source.kind(),
                        suspend,
                        source.git(),
                        source.bucket(),
                        source.blob(),
                        source.oci(),
                        kustomizations,
                        source.settings(),
                        null,
                        null));
    return Combinators.combine(
            name,
            Arbitraries.longs().between(1, 1_000_000),
            Arbitraries.of("op-1", null),
            properties)
        .as(ConfigurationSpec::new);
  }

  private static Arbitrary<Source> sources() {
    return Arbitraries.oneOf(git(), bucket(), azureBlob(), oci());
  }

  private static Arbitrary<Source> git() {
    Arbitrary<String> url =
        Combinators.combine(
                Arbitraries.of(
                    "https://%s.com/org/%s",
                    "HTTPS://%s.io/%s.git",
                    "http://%s.local/%s",
                    "ssh://git@%s.com/org/%s",
                    "git@%s.com:org/%s.git",
                    "git@ssh.dev.azure.com:v3/%s/project/%s"),
                dnsLabel(20),
                dnsLabel(20))
            .as((pattern, host, repo) -> pattern.formatted(host, repo));
    Arbitrary<RepositoryRefDefinition> ref =
        Arbitraries.oneOf(
            Arbitraries.just(null),
            dnsLabel(10).map(b -> new RepositoryRefDefinition(b, null, null, null)),
            dnsLabel(10).map(t -> new RepositoryRefDefinition(null, "v" + t, null, null)),
            Arbitraries.just(new RepositoryRefDefinition(null, null, ">=1.0.0", null)),
            Arbitraries.strings()
                .withChars("0123456789abcdef")
                .ofLength(40)
                .map(c -> new RepositoryRefDefinition("main", null, null, c)));
    return Combinators.combine(
            url,
            ref,
            seconds(),
            seconds(),
            Arbitraries.of(ProviderType.class).injectNull(0.5),
            Arbitraries.integers().between(0, 4))
        .as(
            (u, r, timeout, interval, provider, credentials) -> {
              boolean ssh = u.startsWith("ssh") || u.startsWith("git@");
              Map<String, String> settings = new LinkedHashMap<>();
              String user = null;
              String ca = null;
              String knownHosts = null;
              String localAuthRef = null;
              switch (credentials) {
                case 1 -> {
                  if (ssh) {
                    settings.put("sshPrivateKey", b64(TestKeys.pkcs1Pem(TestKeys.RSA)));
                  } else {
                    user = "robot";
                    settings.put("httpsKey", b64("token"));
                  }
                }
                case 2 -> {
                  if (ssh) {
                    knownHosts = b64("git.corp ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKey\n");
                  } else {
                    ca = b64("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
                  }
                }
                case 3 -> localAuthRef = "git-creds";
                default -> {}
              }
              return new Source(
                  SourceKind.GIT_REPOSITORY,
                  new GitRepositoryDefinition(
                      u, timeout, interval, r, knownHosts, user, ca, localAuthRef, provider),
                  null,
                  null,
                  null,
                  settings);
            });
  }

  private static Arbitrary<Source> bucket() {
    return Combinators.combine(
            Arbitraries.of("http://%s:9000", "https://%s.example.com", "https://%s.example.com/p/"),
            dnsLabel(20),
            Arbitraries.of(true, false).injectNull(0.5),
            seconds(),
            seconds(),
            Arbitraries.integers().between(0, 2))
        .as(
            (pattern, host, insecure, timeout, interval, credentials) -> {
              Map<String, String> settings = new LinkedHashMap<>();
              String accessKey = null;
              String localAuthRef = null;
              if (credentials == 1) {
                accessKey = "AKIA" + host;
                settings.put("bucketSecretKey", b64("secret/" + host));
              } else if (credentials == 2) {
                localAuthRef = "bucket-creds";
              }
              return new Source(
                  SourceKind.BUCKET,
                  null,
                  new BucketDefinition(
                      pattern.formatted(host),
                      host,
                      insecure,
                      timeout,
                      interval,
                      accessKey,
                      localAuthRef),
                  null,
                  null,
                  settings);
            });
  }

  private static Arbitrary<Source> azureBlob() {
    Arbitrary<ServicePrincipalDefinition> principal =
        Arbitraries.oneOf(
            Arbitraries.just(new ServicePrincipalDefinition("c", "t", "secret", null, null, false)),
            Arbitraries.of(true, false)
                .map(
                    chain ->
                        new ServicePrincipalDefinition("c", "t", null, b64("CERT"), "pw", chain)));
    return Combinators.combine(
            dnsLabel(20), seconds(), seconds(), Arbitraries.integers().between(0, 5), principal)
        .as(
            (container, timeout, interval, method, sp) ->
                new Source(
                    SourceKind.AZURE_BLOB,
                    null,
                    null,
                    new AzureBlobDefinition(
                        "https://acct.blob.core.windows.net",
                        container,
                        timeout,
                        interval,
                        method == 1 ? sp : null,
                        method == 2 ? "a2V5" : null,
                        method == 3 ? "?sv=1&sig=x" : null,
                        method == 4 ? new ManagedIdentityDefinition("mi") : null,
                        method == 5 ? "blob-creds" : null),
                    null,
                    Map.of()));
  }

  private static Arbitrary<Source> oci() {
    Arbitrary<OciRepositoryRefDefinition> ref =
        Arbitraries.of(
            null,
            new OciRepositoryRefDefinition("latest", null, null),
            new OciRepositoryRefDefinition(null, ">=1.0.0", null),
            new OciRepositoryRefDefinition(null, null, "sha256:" + "ab".repeat(32)));
    Arbitrary<VerifyDefinition> verify =
        Arbitraries.of(
            null,
            new VerifyDefinition("cosign", Map.of("cosign.pub", b64("KEY")), null),
            new VerifyDefinition(
                "Notation", Map.of("ca.pem", b64("CA"), "trustpolicy.json", b64("{}")), null),
            new VerifyDefinition(
                null, null, List.of(new MatchOidcIdentityDefinition("^https://i$", "^s$"))));
    Arbitrary<TlsConfigDefinition> tls =
        Arbitraries.of(
            null,
            new TlsConfigDefinition(null, null, null),
            new TlsConfigDefinition(b64("CERT"), b64("KEY"), b64("CA")),
            new TlsConfigDefinition(null, null, b64("CA")));
    Arbitrary<LayerSelectorDefinition> layer =
        Arbitraries.of(LayerOperation.class)
            .injectNull(0.3)
            .map(op -> new LayerSelectorDefinition("application/vnd.test+gzip", op))
            .injectNull(0.5);
    return Combinators.combine(
            Combinators.combine(dnsLabel(20), seconds(), seconds(), ref, layer, verify)
                .as(OciBasics::new),
            Arbitraries.of(true, false).injectNull(0.3),
            Arbitraries.of(true, false).injectNull(0.3),
            Arbitraries.of("puller", null),
            tls,
            Arbitraries.of("regcred", null))
        .as(
            (basics, insecure, workloadIdentity, serviceAccount, tlsConfig, localAuthRef) ->
                new Source(
                    SourceKind.OCI_REPOSITORY,
                    null,
                    null,
                    null,
                    new OciRepositoryDefinition(
                        "oci://ghcr.io/org/" + basics.repository(),
                        basics.timeout(),
                        basics.interval(),
                        basics.ref(),
                        basics.layerSelector(),
                        basics.verify(),
                        insecure,
                        workloadIdentity,
                        serviceAccount,
                        tlsConfig,
                        localAuthRef),
                    Map.of()));
  }

  private static Arbitrary<Map<String, KustomizationDefinition>> kustomizations() {
    Arbitrary<PostBuildDefinition> postBuild =
        Arbitraries.of(
            null,
            new PostBuildDefinition(Map.of(), List.of()),
            new PostBuildDefinition(Map.of("cluster_env", "prod"), null),
            new PostBuildDefinition(
                null,
                List.of(
                    new SubstituteFromDefinition("ConfigMap", "vars", true),
                    new SubstituteFromDefinition("Secret", "secret-vars", null))));
    Arbitrary<KustomizationDefinition> definition =
        Combinators.combine(
                Arbitraries.of(null, "", "./apps", "clusters/prod"),
                seconds(),
                seconds(),
                seconds(),
                Arbitraries.of(true, false).injectNull(0.3),
                Arbitraries.of(true, false).injectNull(0.3),
                Arbitraries.of(true, false).injectNull(0.3),
                postBuild)
            .as(
                (path, timeout, interval, retry, prune, force, wait, post) ->
                    new KustomizationDefinition(
                        path, null, timeout, interval, retry, prune, force, wait, post));
    return Arbitraries.maps(dnsLabel(30), definition)
        .ofMaxSize(4)
        .map(FluxObjectFactoryPropertiesTest::chainDependencies)
        .injectNull(0.1);
  }

  /** Each kustomization depends on the one before it, as validation allows (no cycles). */
  private static Map<String, KustomizationDefinition> chainDependencies(
      Map<String, KustomizationDefinition> definitions) {
    Map<String, KustomizationDefinition> chained = new LinkedHashMap<>();
    List<String> previous = new ArrayList<>();
    definitions.forEach(
        (key, k) -> {
          chained.put(
              key,
              new KustomizationDefinition(
                  k.path(),
                  List.copyOf(previous),
                  k.timeoutInSeconds(),
                  k.syncIntervalInSeconds(),
                  k.retryIntervalInSeconds(),
                  k.prune(),
                  k.force(),
                  k.waitForReady(),
                  k.postBuild()));
          previous.clear();
          previous.add(key);
        });
    return chained;
  }

  private static Arbitrary<Long> seconds() {
    return Arbitraries.longs().between(1, 35_791_394).injectNull(0.2);
  }

  private static Arbitrary<String> dnsLabel(int maxLength) {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('0', '9')
        .withChars('-')
        .ofMinLength(1)
        .ofMaxLength(maxLength)
        .filter(s -> KubernetesNames.labelProblem(s, maxLength).isEmpty());
  }
}
