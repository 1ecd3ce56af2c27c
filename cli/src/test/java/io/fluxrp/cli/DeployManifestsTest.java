package io.fluxrp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fluxrp.agent.AgentSettings;
import io.fluxrp.agent.health.HealthEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** {@code deploy/agent/}: what it holds, that it fits the agent's options, probes and writes. */
class DeployManifestsTest {

  private static final Path DIR = Path.of("../deploy/agent");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String NAMESPACE = "fluxrp-system";
  private static final String AGENT = "fluxrp-agent";
  private static final List<String> FULL =
      List.of("get", "list", "watch", "create", "update", "patch", "delete");
  private static final List<String> READ = List.of("get", "list", "watch");

  /**
   * The kinds the agent writes, with the verbs it needs on them. Hard-coded: the code that writes
   * them is another part of the agent; this list follows the mapping (docs flux-mapping §2, §6.1).
   * The state ConfigMap is not here: a Role in the agent's namespace covers it.
   */
  private static final List<Grant> WRITTEN =
      List.of(
          new Grant("", "namespaces", List.of("get", "list", "watch", "create")),
          new Grant("", "serviceaccounts", FULL),
          new Grant("", "secrets", FULL),
          new Grant("rbac.authorization.k8s.io", "rolebindings", FULL),
          new Grant("rbac.authorization.k8s.io", "clusterrolebindings", FULL),
          new Grant("source.toolkit.fluxcd.io", "gitrepositories", FULL),
          new Grant("source.toolkit.fluxcd.io", "buckets", FULL),
          new Grant("source.toolkit.fluxcd.io", "ocirepositories", FULL),
          new Grant("kustomize.toolkit.fluxcd.io", "kustomizations", FULL));

  /** Read only: Kustomizations' Helm children for their status, CRDs for the served versions. */
  private static final List<Grant> READ_ONLY =
      List.of(
          new Grant("source.toolkit.fluxcd.io", "helmrepositories", READ),
          new Grant("source.toolkit.fluxcd.io", "helmcharts", READ),
          new Grant("helm.toolkit.fluxcd.io", "helmreleases", READ),
          new Grant("apiextensions.k8s.io", "customresourcedefinitions", READ));

  private static Map<String, HasMetadata> objects;

  @BeforeAll
  static void load() throws IOException {
    JsonNode kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
    List<String> listed = new ArrayList<>();
    kustomization.get("resources").forEach(r -> listed.add(r.asText()));
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(listed)
          .as("kustomization.yaml lists every manifest")
          .containsExactlyInAnyOrderElementsOf(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                  .toList());
    }
    objects =
        listed.stream()
            .map(DeployManifestsTest::read)
            .collect(Collectors.toMap(o -> o.getKind() + "/" + o.getMetadata().getName(), o -> o));
  }

  private static HasMetadata read(String file) {
    try {
      JsonNode node = YAML.readTree(DIR.resolve(file).toFile());
      Class<? extends HasMetadata> type =
          switch (node.get("kind").asText()) {
            case "Namespace" -> Namespace.class;
            case "ServiceAccount" -> ServiceAccount.class;
            case "ClusterRole" -> ClusterRole.class;
            case "ClusterRoleBinding" -> ClusterRoleBinding.class;
            case "Role" -> Role.class;
            case "RoleBinding" -> RoleBinding.class;
            case "Deployment" -> Deployment.class;
            default -> throw new AssertionError(file + ": unexpected kind " + node.get("kind"));
          };
      return YAML.treeToValue(node, type);
    } catch (IOException e) {
      throw new AssertionError(file + " is not YAML", e);
    }
  }

  @Test
  void kindsNamesAndNamespaces() {
    assertThat(objects)
        .containsOnlyKeys(
            "Namespace/" + NAMESPACE,
            "ServiceAccount/" + AGENT,
            "ClusterRole/" + AGENT,
            "ClusterRoleBinding/" + AGENT,
            "Role/" + AGENT,
            "RoleBinding/" + AGENT,
            "Deployment/" + AGENT);
    objects.forEach(
        (key, object) -> {
          boolean clusterScoped =
              Set.of("Namespace", "ClusterRole", "ClusterRoleBinding").contains(object.getKind());
          assertThat(object.getMetadata().getNamespace())
              .as(key)
              .isEqualTo(clusterScoped ? null : NAMESPACE);
          // the agent takes objects with this label for its own, to repair or prune
          assertThat(object.getMetadata().getLabels())
              .as(key)
              .doesNotContainKey("fluxrp.io/managed");
        });
  }

  @Test
  void theAgentsNamespaceIsItsDefaultStateNamespace() {
    assertThat(NAMESPACE).isEqualTo(AgentSettings.DEFAULT_STATE_NAMESPACE);
    assertThat(settingsOfTheDeployment().stateNamespace()).isEqualTo(NAMESPACE);
  }

  @Test
  void theBindingsGiveTheRolesToTheAgentsServiceAccount() {
    ClusterRoleBinding cluster = object("ClusterRoleBinding", ClusterRoleBinding.class);
    RoleBinding local = object("RoleBinding", RoleBinding.class);

    assertThat(cluster.getRoleRef().getKind()).isEqualTo("ClusterRole");
    assertThat(cluster.getRoleRef().getName()).isEqualTo(AGENT);
    assertThat(local.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(local.getRoleRef().getName()).isEqualTo(AGENT);
    for (List<Subject> subjects : List.of(cluster.getSubjects(), local.getSubjects())) {
      assertThat(subjects)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getName()).isEqualTo(AGENT);
                assertThat(s.getNamespace()).isEqualTo(NAMESPACE);
              });
    }
    assertThat(podSpec().getServiceAccountName()).isEqualTo(AGENT);
  }

  @Test
  void theClusterRoleCoversWhatTheAgentWritesAndReads() {
    List<PolicyRule> rules = object("ClusterRole", ClusterRole.class).getRules();

    for (Grant grant : union(WRITTEN, READ_ONLY)) {
      for (String verb : grant.verbs()) {
        assertThat(rules)
            .as("%s %s.%s", verb, grant.resource(), grant.group())
            .anyMatch(rule -> grants(rule, grant.group(), grant.resource(), verb));
      }
    }
    for (String role : List.of("cluster-admin", "admin")) {
      assertThat(rules)
          .as("bind on clusterrole %s (flux-applier's bindings)", role)
          .anyMatch(
              rule ->
                  rule.getApiGroups().contains("rbac.authorization.k8s.io")
                      && rule.getResources().contains("clusterroles")
                      && rule.getResourceNames().contains(role)
                      && rule.getVerbs().contains("bind"));
    }
  }

  @Test
  void theClusterRoleGrantsNothingMore() {
    List<PolicyRule> rules = object("ClusterRole", ClusterRole.class).getRules();
    List<Grant> needed = union(WRITTEN, READ_ONLY);

    for (PolicyRule rule : rules) {
      assertThat(rule.getNonResourceURLs()).as("non-resource URLs").isEmpty();
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          if (resource.equals("clusterroles")) {
            assertThat(rule.getVerbs()).containsExactly("bind");
            assertThat(rule.getResourceNames()).containsExactlyInAnyOrder("cluster-admin", "admin");
            continue;
          }
          Grant grant =
              needed.stream()
                  .filter(g -> g.group().equals(group) && g.resource().equals(resource))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("not needed: " + resource + "." + group));
          assertThat(grant.verbs()).as(resource).containsAll(rule.getVerbs());
        }
      }
    }
  }

  @Test
  void configMapsOnlyInTheAgentsNamespace() {
    Role role = object("Role", Role.class);

    assertThat(role.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
    assertThat(role.getRules())
        .anyMatch(rule -> grants(rule, "", "configmaps", "get"))
        .anyMatch(rule -> grants(rule, "", "configmaps", "patch"))
        .anyMatch(rule -> grants(rule, "", "configmaps", "create"));
    assertThat(object("ClusterRole", ClusterRole.class).getRules())
        .noneMatch(rule -> rule.getResources().contains("configmaps"));
  }

  @Test
  void theDeploymentRunsOneAgentAtATime() {
    Deployment deployment = object("Deployment", Deployment.class);

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(podSpec().getTerminationGracePeriodSeconds()).isEqualTo(60L);
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void theDeploymentsArgumentsAreAcceptedByTheAgentCommand() {
    AgentSettings settings = settingsOfTheDeployment();

    assertThat(settings.server()).hasToString("https://fluxrp.example.com");
    assertThat(settings.clusterId()).isEqualTo(AgentCommandTest.CLUSTER);
    assertThat(settings.kubeconfig()).as("the in-cluster service account").isNull();
  }

  @Test
  void theServerAndClusterComeFromTheConfigMap() {
    Container agent = container();
    Matcher reference =
        Pattern.compile("\\$\\(([A-Z_]+)\\)").matcher(String.join(" ", agent.getArgs()));
    List<String> referenced = new ArrayList<>();
    while (reference.find()) {
      referenced.add(reference.group(1));
    }

    assertThat(referenced).containsExactly("FLUXRP_SERVER", "FLUXRP_CLUSTER_ID");
    for (String variable : referenced) {
      // Kubernetes expands $(VAR) in args only for variables the container defines
      EnvVar env =
          agent.getEnv().stream()
              .filter(e -> e.getName().equals(variable))
              .findFirst()
              .orElseThrow();
      assertThat(env.getValueFrom().getConfigMapKeyRef().getName()).isEqualTo(AGENT);
      assertThat(env.getValueFrom().getConfigMapKeyRef().getKey()).isEqualTo(variable);
    }
  }

  @Test
  void theTokenFileIsTheMountedSecret() {
    Container agent = container();
    Path tokenFile = settingsOfTheDeployment().tokenFile();
    VolumeMount mount =
        agent.getVolumeMounts().stream()
            .filter(m -> tokenFile.startsWith(m.getMountPath()))
            .findFirst()
            .orElseThrow();
    Volume volume =
        podSpec().getVolumes().stream()
            .filter(v -> v.getName().equals(mount.getName()))
            .findFirst()
            .orElseThrow();

    assertThat(mount.getReadOnly()).isTrue();
    assertThat(mount.getSubPath()).as("a subPath mount would not follow a rotation").isNull();
    assertThat(volume.getSecret().getSecretName()).isEqualTo("fluxrp-agent-credential");
    assertThat(volume.getSecret().getItems())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.getKey()).isEqualTo("token");
              assertThat(Path.of(mount.getMountPath()).resolve(item.getPath()))
                  .isEqualTo(tokenFile);
            });
    assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0440);
  }

  @Test
  void theProbesAreTheHealthEndpointsOnTheAgentsHealthPort() {
    Container agent = container();
    int healthPort = settingsOfTheDeployment().healthPort();
    assertThat(healthPort).isEqualTo(AgentSettings.DEFAULT_HEALTH_PORT);

    assertThat(agent.getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getContainerPort()).isEqualTo(healthPort);
              assertThat(port.getName()).isEqualTo("health");
            });
    assertProbe(agent.getLivenessProbe(), HealthEndpoints.LIVENESS_PATH);
    assertProbe(agent.getReadinessProbe(), HealthEndpoints.READINESS_PATH);
  }

  @Test
  void theContainerIsLockedDown() {
    Container agent = container();
    var pod = podSpec().getSecurityContext();
    var own = agent.getSecurityContext();

    assertThat(pod.getRunAsNonRoot()).isTrue();
    assertThat(pod.getRunAsUser()).isPositive();
    assertThat(pod.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(own.getReadOnlyRootFilesystem()).isTrue();
    assertThat(own.getAllowPrivilegeEscalation()).isFalse();
    assertThat(own.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(own.getCapabilities().getAdd()).isEmpty();
    assertThat(agent.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(agent.getResources().getLimits()).containsKey("memory");
  }

  @Test
  void theImageIsThisVersionsImage() {
    assertThat(container().getImage()).isEqualTo("fluxrp:" + Main.Version.projectVersion());
  }

  @Test
  void theImageProfileBuildsWhatTheDeploymentRuns() throws Exception {
    Element jib = jibConfiguration();
    long runAsUser = podSpec().getSecurityContext().getRunAsUser();

    assertThat(text(jib, "to", "image")).isEqualTo("fluxrp:${project.version}");
    assertThat(text(jib, "container", "mainClass")).isEqualTo(Main.class.getName());
    assertThat(text(jib, "container", "user")).isEqualTo(runAsUser + ":" + runAsUser);
    assertThat(text(jib, "outputPaths", "tar"))
        .isEqualTo("${project.build.directory}/fluxrp-image.tar");
    assertThat(text(jib, "container", "jvmFlags")).contains("-XX:MaxRAMPercentage=50");
  }

  /** The configuration of the Jib plugin in cli/pom.xml (profile image). */
  private static Element jibConfiguration() throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
    NodeList plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (text(plugin, "artifactId").equals("jib-maven-plugin")) {
        Element profile = (Element) plugin.getParentNode().getParentNode().getParentNode();
        assertThat(text(profile, "id")).as("in the profile image only").isEqualTo("image");
        return child(plugin, "configuration");
      }
    }
    throw new AssertionError("no jib-maven-plugin in cli/pom.xml");
  }

  private static String text(Element element, String... path) {
    Element e = element;
    for (String name : path) {
      e = child(e, name);
    }
    return e.getTextContent().strip();
  }

  private static Element child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("health");
  }

  /** The Deployment's args, with sample ConfigMap values, through the real option parser. */
  private static AgentSettings settingsOfTheDeployment() {
    Map<String, String> configMap =
        Map.of(
            "FLUXRP_SERVER",
            "https://fluxrp.example.com",
            "FLUXRP_CLUSTER_ID",
            AgentCommandTest.CLUSTER);
    String[] args =
        container().getArgs().stream().map(arg -> expand(arg, configMap)).toArray(String[]::new);
    assertThat(args[0]).isEqualTo("agent");
    String[] options = new String[args.length - 1];
    System.arraycopy(args, 1, options, 0, options.length);
    return AgentCommandTest.parse(Map.of(), options).settings();
  }

  private static String expand(String arg, Map<String, String> variables) {
    Matcher m = Pattern.compile("\\$\\(([A-Z_]+)\\)").matcher(arg);
    return m.replaceAll(r -> Matcher.quoteReplacement(variables.get(r.group(1))));
  }

  private static boolean grants(PolicyRule rule, String group, String resource, String verb) {
    return rule.getApiGroups().contains(group)
        && rule.getResources().contains(resource)
        && rule.getResourceNames().isEmpty()
        && rule.getVerbs().contains(verb);
  }

  private static Container container() {
    return podSpec().getContainers().stream().findFirst().orElseThrow();
  }

  private static PodSpec podSpec() {
    return object("Deployment", Deployment.class).getSpec().getTemplate().getSpec();
  }

  private static <T extends HasMetadata> T object(String kind, Class<T> type) {
    String name = kind.equals("Namespace") ? NAMESPACE : AGENT;
    return type.cast(objects.get(kind + "/" + name));
  }

  private static List<Grant> union(List<Grant> a, List<Grant> b) {
    List<Grant> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private record Grant(String group, String resource, List<String> verbs) {}
}
