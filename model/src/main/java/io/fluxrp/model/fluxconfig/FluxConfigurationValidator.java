package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.model.json.Json;
import io.fluxrp.model.schema.EnumType;
import io.fluxrp.model.schema.Field;
import io.fluxrp.model.schema.FluxSchema;
import io.fluxrp.model.schema.JsonPath;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a Flux configuration must follow beyond the schema (DESIGN §3, "Validation beyond the
 * schema"), checked on the canonical, defaults-filled desired state before anything is stored.
 * Every problem is reported, each with the JSON path of the property in {@code target}. Messages
 * say what is wrong, what was received and what is accepted, but never repeat a write-only value.
 */
public final class FluxConfigurationValidator {
  /** Longest interval or timeout Azure accepts, in seconds (Int32.MaxValue / 60). */
  public static final long MAX_SECONDS = 35_791_394L;

  /** Protected-setting keys the Azure CLI and Terraform use for Git and Bucket credentials. */
  public static final String SSH_PRIVATE_KEY = "sshPrivateKey";

  public static final String HTTPS_KEY = "httpsKey";
  public static final String BUCKET_SECRET_KEY = "bucketSecretKey";

  private static final JsonPath PROPERTIES = JsonPath.ROOT.property("properties");
  private static final JsonPath SETTINGS = PROPERTIES.property("configurationProtectedSettings");
  private static final JsonPath GIT = PROPERTIES.property("gitRepository");
  private static final JsonPath BUCKET = PROPERTIES.property("bucket");
  private static final JsonPath BLOB = PROPERTIES.property("azureBlob");
  private static final JsonPath OCI = PROPERTIES.property("ociRepository");

  private static final Pattern SCP_URL =
      Pattern.compile("^[A-Za-z0-9._~+-]+@([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+]):[^\\s]+$");
  private static final Pattern COMMIT_SHA = Pattern.compile("^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$");
  private static final Pattern OCI_DIGEST = Pattern.compile("^sha256:[0-9a-f]{64}$");
  private static final Pattern SUBSTITUTE_KEY = Pattern.compile("^[_a-zA-Z][_a-zA-Z0-9]*$");
  private static final Pattern SECRET_DATA_KEY = Pattern.compile("^[-._a-zA-Z0-9]+$");
  private static final Pattern WEEKS = Pattern.compile("^P(\\d{1,6})W$", Pattern.CASE_INSENSITIVE);
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@:\\s]*:)[^/@\\s]*@");
  private static final int MAX_ECHO = 120;

  private final FluxConfigurationProperties p;
  private final Map<String, String> settings;
  private final List<ErrorDetail> problems = new ArrayList<>();

  private FluxConfigurationValidator(FluxConfigurationProperties p) {
    this.p = p;
    this.settings =
        p.configurationProtectedSettings() == null ? Map.of() : p.configurationProtectedSettings();
  }

  /**
   * Checks the canonical properties of configuration {@code configurationName} (the path segment,
   * whose rules {@link ResourcePathRules#validateConfigurationName} applies here too, so a PUT or
   * PATCH handler need not check it separately).
   */
  public static List<ErrorDetail> validate(
      FluxConfigurationProperties properties, String configurationName) {
    FluxConfigurationValidator validator = new FluxConfigurationValidator(properties);
    validator.run(configurationName);
    return List.copyOf(validator.problems);
  }

  private void run(String configurationName) {
    boolean nameOk = checkConfigurationName(configurationName);
    checkNamespace();
    SourceKind kind = p.sourceKind() == null ? SourceKind.GIT_REPOSITORY : p.sourceKind();
    checkSourceSelection(kind);
    switch (kind) {
      case GIT_REPOSITORY -> {
        if (p.gitRepository() != null) {
          checkGitRepository(p.gitRepository());
        }
      }
      case BUCKET -> {
        if (p.bucket() != null) {
          checkBucket(p.bucket());
        }
      }
      case AZURE_BLOB -> {
        if (p.azureBlob() != null) {
          checkAzureBlob(p.azureBlob());
        }
      }
      case OCI_REPOSITORY -> {
        if (p.ociRepository() != null) {
          checkOciRepository(p.ociRepository());
        }
      }
    }
    checkKustomizations(nameOk ? configurationName : null);
    checkReconciliationWaitDuration();
    checkProtectedSettings();
  }

  // ---- names
  // --------------------------------------------------------------------------------------

  private boolean checkConfigurationName(String name) {
    List<ErrorDetail> nameProblems = ResourcePathRules.validateConfigurationName(name);
    problems.addAll(nameProblems);
    return nameProblems.isEmpty();
  }

  private void checkNamespace() {
    if (p.namespace() == null) {
      return;
    }
    KubernetesNames.labelProblem(p.namespace(), KubernetesNames.MAX_LABEL)
        .ifPresent(
            why ->
                invalid(
                    PROPERTIES.property("namespace"),
                    "The namespace "
                        + quote(p.namespace())
                        + " "
                        + why
                        + ". A namespace must be a DNS-1123 label: 1 to 63 lower-case letters,"
                        + " digits and '-', starting and ending with a letter or digit."));
  }

  // ---- source selection
  // ---------------------------------------------------------------------------

  private void checkSourceSelection(SourceKind kind) {
    Map<SourceKind, Object> blocks = new LinkedHashMap<>();
    blocks.put(SourceKind.GIT_REPOSITORY, p.gitRepository());
    blocks.put(SourceKind.BUCKET, p.bucket());
    blocks.put(SourceKind.AZURE_BLOB, p.azureBlob());
    blocks.put(SourceKind.OCI_REPOSITORY, p.ociRepository());
    String selected = blockName(kind);
    for (Map.Entry<SourceKind, Object> block : blocks.entrySet()) {
      String name = blockName(block.getKey());
      JsonPath path = PROPERTIES.property(name);
      if (block.getKey() == kind) {
        if (block.getValue() == null) {
          missing(
              path,
              "sourceKind is '"
                  + kind.wire()
                  + "', so the source block 'properties."
                  + name
                  + "' is required, but the request has none.");
        }
      } else if (!isEmpty(block.getValue())) {
        invalid(
            path,
            "sourceKind is '"
                + kind.wire()
                + "', so only 'properties."
                + selected
                + "' may be set, but 'properties."
                + name
                + "' is set as well. Remove it (send \""
                + name
                + "\": null) or set sourceKind to '"
                + block.getKey().wire()
                + "'.");
      }
    }
  }

  private static String blockName(SourceKind kind) {
    return switch (kind) {
      case GIT_REPOSITORY -> "gitRepository";
      case BUCKET -> "bucket";
      case AZURE_BLOB -> "azureBlob";
      case OCI_REPOSITORY -> "ociRepository";
    };
  }

  private static boolean isEmpty(Object block) {
    return block == null || Json.mapper().valueToTree(block).isEmpty();
  }

  // ---- Git
  // ----------------------------------------------------------------------------------------

  private enum Transport {
    HTTP,
    HTTPS,
    SSH
  }

  private void checkGitRepository(GitRepositoryDefinition git) {
    Transport transport = checkGitUrl(git.url());
    checkSeconds(GIT.property("timeoutInSeconds"), git.timeoutInSeconds());
    checkSeconds(GIT.property("syncIntervalInSeconds"), git.syncIntervalInSeconds());
    if (transport != null) {
      checkGitSshCredentials(git, transport);
      checkGitHttpsCredentials(git, transport);
      checkGitCaCertificate(git, transport);
    }
    checkGitLocalAuthRef(git);
    checkLocalObjectName(GIT.property("localAuthRef"), git.localAuthRef(), "Secret");
    checkBase64(GIT.property("sshKnownHosts"), git.sshKnownHosts(), false)
        .ifPresent(bytes -> checkKnownHosts(GIT.property("sshKnownHosts"), bytes));
    checkBase64(GIT.property("httpsCACert"), git.httpsCACert(), false);
    if (git.repositoryRef() != null) {
      checkRepositoryRef(git.repositoryRef());
    }
  }

  /** The transport of a valid Git URL, or null (after reporting) when the URL is missing or bad. */
  private Transport checkGitUrl(String url) {
    JsonPath path = GIT.property("url");
    if (url == null || url.isBlank()) {
      missing(
          path,
          "A Git source needs 'properties.gitRepository.url', e.g."
              + " https://github.com/org/repo or git@github.com:org/repo.git.");
      return null;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    Transport transport = null;
    if (lower.startsWith("https://")) {
      transport = Transport.HTTPS;
    } else if (lower.startsWith("http://")) {
      transport = Transport.HTTP;
    } else if (lower.startsWith("ssh://")) {
      transport = Transport.SSH;
    } else if (SCP_URL.matcher(url).matches()) {
      return Transport.SSH;
    }
    if (transport == null || !hasHost(url)) {
      invalid(
          path,
          "The Git repository URL "
              + quoteUrl(url)
              + " is not valid. Use an http://, https:// or ssh:// URL with a host, or the scp"
              + " form git@host:path.");
      return null;
    }
    return checkNoPasswordInUrl(path, url) ? transport : null;
  }

  private void checkGitSshCredentials(GitRepositoryDefinition git, Transport transport) {
    if (transport == Transport.SSH) {
      return;
    }
    String because =
        " only works with an SSH repository URL (ssh://... or git@host:path), but"
            + " 'properties.gitRepository.url' is an "
            + scheme(transport)
            + " URL.";
    if (settings.containsKey(SSH_PRIVATE_KEY)) {
      invalid(
          SETTINGS.property(SSH_PRIVATE_KEY),
          "The SSH private key (configurationProtectedSettings."
              + SSH_PRIVATE_KEY
              + ")"
              + because
              + " Use an SSH URL, or remove the key: protected settings are kept when a request"
              + " omits them, so send \""
              + SSH_PRIVATE_KEY
              + "\": null inside configurationProtectedSettings to remove a stored one.");
    }
    if (git.sshKnownHosts() != null) {
      invalid(
          GIT.property("sshKnownHosts"),
          "'properties.gitRepository.sshKnownHosts'"
              + because
              + " Use an SSH URL or remove sshKnownHosts.");
    }
  }

  private void checkGitHttpsCredentials(GitRepositoryDefinition git, Transport transport) {
    boolean user = git.httpsUser() != null;
    boolean key = settings.containsKey(HTTPS_KEY);
    if (transport == Transport.SSH) {
      String because =
          " only work with an http:// or https:// repository URL, but 'properties.gitRepository.url'"
              + " is an SSH URL.";
      if (user) {
        invalid(
            GIT.property("httpsUser"),
            "HTTPS credentials (httpsUser)"
                + because
                + " Use an HTTPS URL, or remove httpsUser and use an SSH key"
                + " (configurationProtectedSettings."
                + SSH_PRIVATE_KEY
                + ").");
      }
      if (key) {
        invalid(
            SETTINGS.property(HTTPS_KEY),
            "HTTPS credentials (configurationProtectedSettings."
                + HTTPS_KEY
                + ")"
                + because
                + " Use an HTTPS URL, or remove the key: protected settings are kept when a request"
                + " omits them, so send \""
                + HTTPS_KEY
                + "\": null inside configurationProtectedSettings to remove a stored one.");
      }
      return;
    }
    if (user && !key) {
      missing(
          SETTINGS.property(HTTPS_KEY),
          "'properties.gitRepository.httpsUser' is set but the matching password or token is"
              + " missing: send it base64-encoded as configurationProtectedSettings."
              + HTTPS_KEY
              + ". HTTPS user and key must be given together.");
    }
    if (key && !user) {
      missing(
          GIT.property("httpsUser"),
          "configurationProtectedSettings."
              + HTTPS_KEY
              + " is set but 'properties.gitRepository.httpsUser' is missing. HTTPS user and key"
              + " must be given together (for a token-only host any non-empty user name works).");
    }
  }

  private void checkGitCaCertificate(GitRepositoryDefinition git, Transport transport) {
    if (git.httpsCACert() != null && transport != Transport.HTTPS) {
      invalid(
          GIT.property("httpsCACert"),
          "'properties.gitRepository.httpsCACert' is only used for https:// repository URLs, but"
              + " 'properties.gitRepository.url' is an "
              + scheme(transport)
              + " URL. Use an https:// URL or remove httpsCACert.");
    }
  }

  private void checkGitLocalAuthRef(GitRepositoryDefinition git) {
    if (git.localAuthRef() == null) {
      return;
    }
    List<String> inline = new ArrayList<>();
    if (settings.containsKey(SSH_PRIVATE_KEY)) {
      inline.add("configurationProtectedSettings." + SSH_PRIVATE_KEY);
    }
    if (git.sshKnownHosts() != null) {
      inline.add("sshKnownHosts");
    }
    if (git.httpsUser() != null) {
      inline.add("httpsUser");
    }
    if (settings.containsKey(HTTPS_KEY)) {
      inline.add("configurationProtectedSettings." + HTTPS_KEY);
    }
    if (!inline.isEmpty()) {
      invalid(
          GIT.property("localAuthRef"),
          "'properties.gitRepository.localAuthRef' names a Secret in the cluster that holds all"
              + " credentials of the source, so inline credentials cannot be used with it, but the"
              + " request also has "
              + String.join(", ", inline)
              + ". Put them into that Secret, or remove localAuthRef."
              + writeOnlyNote(inline));
    }
  }

  private void checkRepositoryRef(RepositoryRefDefinition ref) {
    JsonPath path = GIT.property("repositoryRef");
    checkNotBlank(path.property("branch"), ref.branch());
    checkNotBlank(path.property("tag"), ref.tag());
    checkNotBlank(path.property("semver"), ref.semver());
    if (ref.tag() != null && ref.semver() != null) {
      invalid(
          path,
          "'properties.gitRepository.repositoryRef' has both tag "
              + quote(ref.tag())
              + " and semver "
              + quote(ref.semver())
              + "; give at most one of them.");
    }
    if (ref.commit() != null) {
      if (!COMMIT_SHA.matcher(ref.commit()).matches()) {
        invalid(
            path.property("commit"),
            "The commit "
                + quote(ref.commit())
                + " is not a full commit SHA; give all 40 (SHA-1) or 64 (SHA-256) hexadecimal"
                + " digits.");
      }
      if (ref.tag() != null || ref.semver() != null) {
        invalid(
            path.property("commit"),
            "A commit can only be combined with a branch, but 'properties.gitRepository"
                + ".repositoryRef' also has "
                + (ref.tag() != null ? "tag" : "semver")
                + ". Remove "
                + (ref.tag() != null ? "tag" : "semver")
                + " or commit.");
      }
    }
  }

  // ---- Bucket
  // -------------------------------------------------------------------------------------

  private void checkBucket(BucketDefinition bucket) {
    checkHttpUrl(BUCKET.property("url"), bucket.url(), "A Bucket source");
    if (bucket.bucketName() == null || bucket.bucketName().isBlank()) {
      missing(
          BUCKET.property("bucketName"),
          "A Bucket source needs 'properties.bucket.bucketName', the name of the bucket to fetch.");
    }
    checkSeconds(BUCKET.property("timeoutInSeconds"), bucket.timeoutInSeconds());
    checkSeconds(BUCKET.property("syncIntervalInSeconds"), bucket.syncIntervalInSeconds());
    boolean accessKey = bucket.accessKey() != null;
    boolean secretKey = settings.containsKey(BUCKET_SECRET_KEY);
    if (bucket.localAuthRef() != null && (accessKey || secretKey)) {
      List<String> inline = new ArrayList<>();
      if (accessKey) {
        inline.add("accessKey");
      }
      if (secretKey) {
        inline.add("configurationProtectedSettings." + BUCKET_SECRET_KEY);
      }
      invalid(
          BUCKET.property("localAuthRef"),
          "'properties.bucket.localAuthRef' names a Secret in the cluster that holds the bucket"
              + " credentials, so inline credentials cannot be used with it, but the request also"
              + " has "
              + String.join(", ", inline)
              + ". Put them into that Secret, or remove localAuthRef."
              + writeOnlyNote(inline));
    } else if (accessKey && !secretKey) {
      missing(
          SETTINGS.property(BUCKET_SECRET_KEY),
          "'properties.bucket.accessKey' is set but the secret key is missing: send it"
              + " base64-encoded as configurationProtectedSettings."
              + BUCKET_SECRET_KEY
              + ". Access key and secret key must be given together.");
    } else if (secretKey && !accessKey) {
      missing(
          BUCKET.property("accessKey"),
          "configurationProtectedSettings."
              + BUCKET_SECRET_KEY
              + " is set but 'properties.bucket.accessKey' is missing. Access key and secret key"
              + " must be given together.");
    }
    checkLocalObjectName(BUCKET.property("localAuthRef"), bucket.localAuthRef(), "Secret");
  }

  // ---- Azure Blob
  // ---------------------------------------------------------------------------------

  private void checkAzureBlob(AzureBlobDefinition blob) {
    checkHttpUrl(BLOB.property("url"), blob.url(), "An AzureBlob source");
    if (blob.containerName() == null || blob.containerName().isBlank()) {
      missing(
          BLOB.property("containerName"),
          "An AzureBlob source needs 'properties.azureBlob.containerName', the name of the blob"
              + " container to fetch.");
    }
    checkSeconds(BLOB.property("timeoutInSeconds"), blob.timeoutInSeconds());
    checkSeconds(BLOB.property("syncIntervalInSeconds"), blob.syncIntervalInSeconds());
    checkBlobAuthMethods(blob);
    if (blob.servicePrincipal() != null) {
      checkServicePrincipal(blob.servicePrincipal());
    }
    checkLocalObjectName(BLOB.property("localAuthRef"), blob.localAuthRef(), "Secret");
  }

  private void checkBlobAuthMethods(AzureBlobDefinition blob) {
    List<String> methods = new ArrayList<>();
    if (blob.servicePrincipal() != null) {
      methods.add("servicePrincipal");
    }
    if (blob.accountKey() != null) {
      methods.add("accountKey");
    }
    if (blob.sasToken() != null) {
      methods.add("sasToken");
    }
    if (blob.managedIdentity() != null) {
      methods.add("managedIdentity");
    }
    if (blob.localAuthRef() != null) {
      methods.add("localAuthRef");
    }
    if (methods.size() > 1) {
      List<String> writeOnly =
          methods.stream().filter(m -> m.equals("accountKey") || m.equals("sasToken")).toList();
      invalid(
          BLOB,
          "'properties.azureBlob' has "
              + methods.size()
              + " authentication methods ("
              + String.join(", ", methods)
              + "); use at most one of servicePrincipal, accountKey, sasToken, managedIdentity and"
              + " localAuthRef."
              + writeOnlyNote(writeOnly));
    }
  }

  private void checkServicePrincipal(ServicePrincipalDefinition sp) {
    JsonPath path = BLOB.property("servicePrincipal");
    if (sp.clientId() == null || sp.clientId().isBlank()) {
      missing(
          path.property("clientId"),
          "A service principal needs 'properties.azureBlob.servicePrincipal.clientId'"
              + " (the application id).");
    }
    if (sp.tenantId() == null || sp.tenantId().isBlank()) {
      missing(
          path.property("tenantId"),
          "A service principal needs 'properties.azureBlob.servicePrincipal.tenantId'.");
    }
    boolean secret = sp.clientSecret() != null;
    boolean certificate = sp.clientCertificate() != null;
    if (!secret && !certificate) {
      missing(
          path,
          "A service principal needs exactly one credential: clientSecret or clientCertificate"
              + " (base64), and the request has neither.");
    } else if (secret && certificate) {
      invalid(
          path,
          "A service principal takes exactly one credential, but both clientSecret and"
              + " clientCertificate are set; remove one of them."
              + writeOnlyNote(List.of("clientSecret", "clientCertificate")));
    }
    if (!certificate && sp.clientCertificatePassword() != null) {
      invalid(
          path.property("clientCertificatePassword"),
          "clientCertificatePassword is only used with clientCertificate, which is not set. Add"
              + " the certificate or remove the password."
              + writeOnlyNote(List.of("clientCertificatePassword")));
    }
    if (!certificate && Boolean.TRUE.equals(sp.clientCertificateSendChain())) {
      invalid(
          path.property("clientCertificateSendChain"),
          "clientCertificateSendChain is true, but it is only used with clientCertificate, which"
              + " is not set. Add the certificate or set clientCertificateSendChain to false.");
    }
    checkBase64(path.property("clientCertificate"), sp.clientCertificate(), true);
  }

  // ---- OCI
  // ----------------------------------------------------------------------------------------

  private void checkOciRepository(OciRepositoryDefinition oci) {
    checkOciUrl(oci.url());
    checkSeconds(OCI.property("timeoutInSeconds"), oci.timeoutInSeconds());
    checkSeconds(OCI.property("syncIntervalInSeconds"), oci.syncIntervalInSeconds());
    if (oci.repositoryRef() != null) {
      checkOciRef(oci.repositoryRef());
    }
    if (oci.tlsConfig() != null) {
      JsonPath tls = OCI.property("tlsConfig");
      checkBase64(tls.property("clientCertificate"), oci.tlsConfig().clientCertificate(), true);
      checkBase64(tls.property("privateKey"), oci.tlsConfig().privateKey(), true);
      checkBase64(tls.property("caCertificate"), oci.tlsConfig().caCertificate(), true);
    }
    checkLocalObjectName(OCI.property("localAuthRef"), oci.localAuthRef(), "Secret");
    checkLocalObjectName(
        OCI.property("serviceAccountName"), oci.serviceAccountName(), "ServiceAccount");
  }

  private void checkOciUrl(String url) {
    JsonPath path = OCI.property("url");
    if (url == null || url.isBlank()) {
      missing(
          path,
          "An OCIRepository source needs 'properties.ociRepository.url', e.g."
              + " oci://ghcr.io/org/manifests.");
      return;
    }
    if (!url.toLowerCase(Locale.ROOT).startsWith("oci://") || !hasHost(url)) {
      invalid(
          path,
          "The OCI repository URL "
              + quoteUrl(url)
              + " is not valid. Use an oci:// URL with a registry host, e.g."
              + " oci://ghcr.io/org/manifests.");
      return;
    }
    checkNoPasswordInUrl(path, url);
  }

  private void checkOciRef(OciRepositoryRefDefinition ref) {
    JsonPath path = OCI.property("repositoryRef");
    checkNotBlank(path.property("tag"), ref.tag());
    checkNotBlank(path.property("semver"), ref.semver());
    if (ref.digest() != null && !OCI_DIGEST.matcher(ref.digest()).matches()) {
      invalid(
          path.property("digest"),
          "The digest "
              + quote(ref.digest())
              + " is not valid; use sha256: followed by 64 lower-case hexadecimal digits.");
    }
  }

  // ---- kustomizations
  // -----------------------------------------------------------------------------

  private void checkKustomizations(String configurationName) {
    Map<String, KustomizationDefinition> kustomizations =
        p.kustomizations() == null ? Map.of() : p.kustomizations();
    for (Map.Entry<String, KustomizationDefinition> entry : kustomizations.entrySet()) {
      String name = entry.getKey();
      JsonPath path = kustomizationPath(name);
      checkKustomizationName(path, name, configurationName);
      KustomizationDefinition k = entry.getValue();
      if (k == null) {
        continue;
      }
      checkSeconds(path.property("timeoutInSeconds"), k.timeoutInSeconds());
      checkSeconds(path.property("syncIntervalInSeconds"), k.syncIntervalInSeconds());
      checkSeconds(path.property("retryIntervalInSeconds"), k.retryIntervalInSeconds());
      checkDependsOn(path, name, k.dependsOn(), kustomizations.keySet());
      if (k.postBuild() != null) {
        checkPostBuild(path.property("postBuild"), k.postBuild());
      }
    }
    checkDependencyCycles(kustomizations);
  }

  private static JsonPath kustomizationPath(String name) {
    return PROPERTIES.property("kustomizations").key(name);
  }

  private void checkKustomizationName(JsonPath path, String name, String configurationName) {
    Optional<String> problem = KubernetesNames.subdomainProblem(name, KubernetesNames.MAX_LABEL);
    if (problem.isPresent()) {
      invalid(
          path,
          "The kustomization name "
              + quote(name)
              + " "
              + problem.get()
              + ". Kustomization names must be 1 to 63 lower-case letters, digits, '-' and '.',"
              + " starting and ending with a letter or digit.");
      return;
    }
    if (configurationName != null) {
      int combined = configurationName.length() + 1 + name.length();
      if (combined > KubernetesNames.MAX_LABEL) {
        invalid(
            path,
            "The Flux Kustomization for "
                + quote(name)
                + " is named '<configuration>-<kustomization>' ("
                + quote(configurationName + "-" + name)
                + ", "
                + combined
                + " characters), which must not exceed 63 characters. Shorten the kustomization"
                + " name to at most "
                + Math.max(0, KubernetesNames.MAX_LABEL - configurationName.length() - 1)
                + " characters.");
      }
    }
  }

  private void checkDependsOn(
      JsonPath path, String name, List<String> dependsOn, Set<String> known) {
    if (dependsOn == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < dependsOn.size(); i++) {
      String dependency = dependsOn.get(i);
      JsonPath itemPath = path.property("dependsOn").index(i);
      if (dependency == null) {
        continue;
      }
      if (dependency.equals(name)) {
        invalid(
            itemPath,
            "The kustomization "
                + quote(name)
                + " cannot depend on itself; remove it from dependsOn.");
      } else if (!known.contains(dependency)) {
        invalid(
            itemPath,
            "The kustomization "
                + quote(name)
                + " depends on "
                + quote(dependency)
                + ", which is not a kustomization of this configuration. Known kustomizations: "
                + (known.isEmpty() ? "none" : String.join(", ", known))
                + ".");
      } else if (!seen.add(dependency)) {
        invalid(
            itemPath,
            "The kustomization "
                + quote(name)
                + " lists "
                + quote(dependency)
                + " more than once in dependsOn; list each dependency once.");
      }
    }
  }

  /** Reports each dependency cycle once, naming it ({@code a -> b -> a}). */
  private void checkDependencyCycles(Map<String, KustomizationDefinition> kustomizations) {
    Map<String, List<String>> edges = new LinkedHashMap<>();
    kustomizations.forEach(
        (name, k) -> {
          List<String> targets = new ArrayList<>();
          if (k != null && k.dependsOn() != null) {
            for (String d : k.dependsOn()) {
              if (d != null && !d.equals(name) && kustomizations.containsKey(d)) {
                targets.add(d);
              }
            }
          }
          edges.put(name, targets);
        });
    Set<String> reported = new HashSet<>();
    Set<String> done = new HashSet<>();
    for (String start : edges.keySet()) {
      findCycles(start, edges, new ArrayList<>(), done, reported);
    }
  }

  private void findCycles(
      String node,
      Map<String, List<String>> edges,
      List<String> stack,
      Set<String> done,
      Set<String> reported) {
    int onStack = stack.indexOf(node);
    if (onStack >= 0) {
      List<String> cycle = new ArrayList<>(stack.subList(onStack, stack.size()));
      reportCycle(cycle, reported);
      return;
    }
    if (done.contains(node)) {
      return;
    }
    stack.add(node);
    for (String next : edges.get(node)) {
      findCycles(next, edges, stack, done, reported);
    }
    stack.remove(stack.size() - 1);
    done.add(node);
  }

  private void reportCycle(List<String> cycle, Set<String> reported) {
    // rotate so the cycle starts at its smallest name: the same cycle is reported once
    int first = 0;
    for (int i = 1; i < cycle.size(); i++) {
      if (cycle.get(i).compareTo(cycle.get(first)) < 0) {
        first = i;
      }
    }
    List<String> rotated = new ArrayList<>(cycle.subList(first, cycle.size()));
    rotated.addAll(cycle.subList(0, first));
    String key = String.join("\u0000", rotated);
    if (!reported.add(key)) {
      return;
    }
    String head = rotated.get(0);
    String next = rotated.size() > 1 ? rotated.get(1) : head;
    List<String> dependsOn = p.kustomizations().get(head).dependsOn();
    List<String> shown = new ArrayList<>(rotated);
    shown.add(head);
    invalid(
        kustomizationPath(head).property("dependsOn").index(dependsOn.indexOf(next)),
        "The kustomizations depend on each other in a cycle: "
            + String.join(" -> ", shown)
            + ". Flux would never apply them; remove one of these dependencies.");
  }

  private void checkPostBuild(JsonPath path, PostBuildDefinition postBuild) {
    if (postBuild.substitute() != null) {
      for (String key : postBuild.substitute().keySet()) {
        if (!SUBSTITUTE_KEY.matcher(key).matches()) {
          invalid(
              path.property("substitute").key(key),
              "The substitution variable name "
                  + quote(key)
                  + " is not valid; names start with a letter or '_' and contain only letters,"
                  + " digits and '_' (e.g. cluster_env).");
        }
      }
    }
    List<SubstituteFromDefinition> from = postBuild.substituteFrom();
    if (from == null) {
      return;
    }
    for (int i = 0; i < from.size(); i++) {
      SubstituteFromDefinition item = from.get(i);
      if (item == null) {
        continue;
      }
      checkSubstituteFrom(path.property("substituteFrom").index(i), item);
    }
  }

  private void checkSubstituteFrom(JsonPath path, SubstituteFromDefinition item) {
    if (item.kind() == null) {
      missing(
          path.property("kind"),
          "Each substituteFrom entry needs a kind: 'ConfigMap' or 'Secret'.");
    } else if (!item.kind().equals("ConfigMap") && !item.kind().equals("Secret")) {
      String hint =
          item.kind().equalsIgnoreCase("ConfigMap") || item.kind().equalsIgnoreCase("Secret")
              ? " The kind is case-sensitive: did you mean '"
                  + (item.kind().equalsIgnoreCase("Secret") ? "Secret" : "ConfigMap")
                  + "'?"
              : "";
      invalid(
          path.property("kind"),
          "The substituteFrom kind "
              + quote(item.kind())
              + " is not valid; it must be exactly 'ConfigMap' or 'Secret'."
              + hint);
    }
    if (item.name() == null || item.name().isEmpty()) {
      missing(
          path.property("name"),
          "Each substituteFrom entry needs the name of the ConfigMap or Secret to read variables"
              + " from.");
    } else {
      KubernetesNames.subdomainProblem(item.name(), KubernetesNames.MAX_SUBDOMAIN)
          .ifPresent(
              why ->
                  invalid(
                      path.property("name"),
                      "The substituteFrom name "
                          + quote(item.name())
                          + " "
                          + why
                          + ". It must be the name of a ConfigMap or Secret (a DNS-1123 subdomain:"
                          + " lower-case letters, digits, '-' and '.')."));
    }
  }

  // ---- configuration-wide
  // -------------------------------------------------------------------------

  private void checkReconciliationWaitDuration() {
    String value = p.reconciliationWaitDuration();
    if (value == null) {
      return;
    }
    JsonPath path = PROPERTIES.property("reconciliationWaitDuration");
    Optional<Duration> duration = parseIsoDuration(value);
    if (duration.isEmpty()) {
      invalid(
          path,
          "The reconciliationWaitDuration "
              + quote(value)
              + " is not an ISO-8601 duration; use e.g. PT30M, PT1H or P1D.");
    } else if (duration.get().isNegative() || duration.get().isZero()) {
      invalid(
          path,
          "The reconciliationWaitDuration "
              + quote(value)
              + " must be longer than zero, e.g. PT30M.");
    }
  }

  static Optional<Duration> parseIsoDuration(String value) {
    Matcher weeks = WEEKS.matcher(value);
    if (weeks.matches()) {
      return Optional.of(Duration.ofDays(7L * Long.parseLong(weeks.group(1))));
    }
    try {
      return Optional.of(Duration.parse(value));
    } catch (DateTimeParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  private void checkProtectedSettings() {
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      String key = setting.getKey();
      JsonPath path = SETTINGS.key(key);
      if (key.isEmpty()) {
        invalid(path, "A configurationProtectedSettings key must not be empty.");
      } else if (key.length() > KubernetesNames.MAX_SUBDOMAIN
          || !SECRET_DATA_KEY.matcher(key).matches()) {
        invalid(
            path,
            "The configurationProtectedSettings key "
                + quote(key)
                + " is not a valid Kubernetes Secret key; use at most 253 letters, digits, '-', '_'"
                + " and '.'.");
      }
      if (setting.getValue() == null) {
        continue;
      }
      switch (key) {
        case SSH_PRIVATE_KEY ->
            checkBase64(path, setting.getValue(), true)
                .ifPresent(bytes -> checkPrivateKey(path, bytes));
        case HTTPS_KEY, BUCKET_SECRET_KEY -> checkBase64(path, setting.getValue(), true);
        default -> {}
      }
    }
  }

  // ---- shared checks
  // ------------------------------------------------------------------------------

  private void checkSeconds(JsonPath path, Long value) {
    if (value != null && (value < 1 || value > MAX_SECONDS)) {
      invalid(
          path,
          "The property '"
              + path
              + "' is "
              + value
              + " seconds; it must be between 1 and "
              + MAX_SECONDS
              + " seconds.");
    }
  }

  private void checkHttpUrl(JsonPath path, String url, String source) {
    if (url == null || url.isBlank()) {
      missing(path, source + " needs '" + path + "', an http:// or https:// endpoint URL.");
      return;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("http://") || lower.startsWith("https://")) || !hasHost(url)) {
      invalid(
          path,
          "The URL "
              + quoteUrl(url)
              + " of '"
              + path
              + "' is not valid; use an http:// or https:// URL with a host.");
      return;
    }
    checkNoPasswordInUrl(path, url);
  }

  /** URLs are shown in every response, so a password in one would leak a credential. */
  private boolean checkNoPasswordInUrl(JsonPath path, String url) {
    try {
      String userInfo = new URI(url).getRawUserInfo();
      if (userInfo != null && userInfo.contains(":")) {
        invalid(
            path,
            "The URL "
                + quoteUrl(url)
                + " of '"
                + path
                + "' contains a password. URLs are returned in every response; put credentials"
                + " into the source's credential properties or a localAuthRef Secret instead.");
        return false;
      }
    } catch (URISyntaxException e) {
      // hasHost already rejected unparseable URLs
    }
    return true;
  }

  private static boolean hasHost(String url) {
    try {
      URI uri = new URI(url);
      String authority = uri.getRawAuthority();
      if (authority == null) {
        return false;
      }
      String host = authority.substring(authority.lastIndexOf('@') + 1);
      return !host.isEmpty() && !host.startsWith(":");
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private void checkLocalObjectName(JsonPath path, String name, String kind) {
    if (name == null) {
      return;
    }
    KubernetesNames.subdomainProblem(name, KubernetesNames.MAX_SUBDOMAIN)
        .ifPresent(
            why ->
                invalid(
                    path,
                    "'"
                        + path
                        + "' must name a "
                        + kind
                        + " in the configuration's namespace, but "
                        + quote(name)
                        + " "
                        + why
                        + ". Kubernetes object names are DNS-1123 subdomains: lower-case letters,"
                        + " digits, '-' and '.'."));
  }

  private void checkNotBlank(JsonPath path, String value) {
    if (value != null && value.isBlank()) {
      invalid(path, "The property '" + path + "' must not be empty; omit it or send null instead.");
    }
  }

  /**
   * Checks that a base64 field decodes; returns the bytes when it does. {@code secret} values are
   * never described beyond their length.
   */
  private Optional<byte[]> checkBase64(JsonPath path, String value, boolean secret) {
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBlank()) {
      invalid(
          path,
          "The property '"
              + path
              + "' is empty; send the base64-encoded value, or null to remove it.");
      return Optional.empty();
    }
    Optional<byte[]> bytes = Base64Values.decode(value);
    if (bytes.isEmpty()) {
      invalid(
          path,
          "The property '"
              + path
              + "' must be base64-encoded (standard alphabet; line breaks and missing padding are"
              + " tolerated), but the "
              + (secret ? "value sent" : "value")
              + " ("
              + value.length()
              + " characters) does not decode."
              + Base64Values.notEncodedHint(value));
    }
    return bytes;
  }

  private void checkKnownHosts(JsonPath path, byte[] decoded) {
    SshMaterial.knownHostsProblem(decoded)
        .ifPresent(
            why ->
                invalid(
                    path,
                    "The decoded known_hosts in '"
                        + path
                        + "' "
                        + why
                        + ". Produce it with `ssh-keyscan <host> | base64 -w0`."));
  }

  private void checkPrivateKey(JsonPath path, byte[] decoded) {
    SshMaterial.privateKeyProblem(decoded)
        .ifPresent(
            why -> invalid(path, "The decoded SSH private key in '" + path + "' " + why + "."));
  }

  private static String writeOnlyNote(List<String> fields) {
    List<String> writeOnly = new ArrayList<>();
    for (String f : fields) {
      String simple = f.substring(f.lastIndexOf('.') + 1);
      if (Set.of(
              SSH_PRIVATE_KEY,
              HTTPS_KEY,
              BUCKET_SECRET_KEY,
              "accountKey",
              "sasToken",
              "clientSecret",
              "clientCertificate",
              "clientCertificatePassword")
          .contains(simple)) {
        writeOnly.add(simple);
      }
    }
    if (writeOnly.isEmpty()) {
      return "";
    }
    return " Write-only values are kept when a request omits them, so send "
        + String.join(" or ", writeOnly.stream().map(f -> "\"" + f + "\": null").toList())
        + " to remove a stored one.";
  }

  private static String scheme(Transport transport) {
    return switch (transport) {
      case HTTP -> "http://";
      case HTTPS -> "https://";
      case SSH -> "SSH";
    };
  }

  /** A received (non-secret) value for a message: quoted, control characters escaped, shortened. */
  static String quote(String value) {
    StringBuilder out = new StringBuilder("'");
    int limit = Math.min(value.length(), MAX_ECHO);
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
    }
    if (value.length() > MAX_ECHO) {
      out.append("...");
    }
    return out.append("'").toString();
  }

  /** A URL for a message, with any password in it masked. */
  private static String quoteUrl(String url) {
    return quote(URL_PASSWORD.matcher(url).replaceAll("$1***@"));
  }

  private void invalid(JsonPath path, String message) {
    problems.add(ErrorDetail.of(ArmErrorCode.INVALID_PROPERTY_VALUE, path.value(), message));
  }

  private void missing(JsonPath path, String message) {
    problems.add(ErrorDetail.of(ArmErrorCode.MISSING_PROPERTY, path.value(), message));
  }

  // ---- create-only properties
  // ---------------------------------------------------------------------

  /**
   * The create-only properties ({@code x-ms-mutability: [read, create]}: {@code scope}, {@code
   * namespace}) whose new value differs from the stored one. A property absent from {@code
   * newProperties} counts as unchanged; one absent from {@code storedProperties} has its schema
   * default.
   */
  public static List<ErrorDetail> createOnlyChanges(
      ObjectNode storedProperties, ObjectNode newProperties) {
    List<ErrorDetail> changes = new ArrayList<>();
    for (Field field : FluxSchema.PROPERTIES.fields()) {
      if (!field.createOnly()) {
        continue;
      }
      JsonNode after = newProperties.get(field.name());
      if (after == null || after.isNull()) {
        continue;
      }
      JsonNode before = storedProperties == null ? null : storedProperties.get(field.name());
      if (before == null || before.isNull()) {
        before = field.defaultValue();
      }
      if (before == null || sameValue(field, before, after)) {
        continue;
      }
      String path = PROPERTIES.property(field.name()).value();
      changes.add(
          ErrorDetail.of(
              ArmErrorCode.PROPERTY_CHANGE_NOT_ALLOWED,
              path,
              "The property '"
                  + path
                  + "' can only be set when the configuration is created. It is "
                  + quote(before.asText())
                  + " and cannot be changed to "
                  + quote(after.asText())
                  + "; delete and re-create the configuration to change it."));
    }
    return changes;
  }

  private static boolean sameValue(Field field, JsonNode before, JsonNode after) {
    if (field.type() instanceof EnumType && before.isTextual() && after.isTextual()) {
      return before.textValue().equalsIgnoreCase(after.textValue());
    }
    return Objects.equals(before, after);
  }
}
