package io.fluxrp.model.schema;

import static io.fluxrp.model.schema.ScalarType.BOOLEAN;
import static io.fluxrp.model.schema.ScalarType.DATE_TIME;
import static io.fluxrp.model.schema.ScalarType.INT64;
import static io.fluxrp.model.schema.ScalarType.STRING;
import static io.fluxrp.model.version.ApiVersion.V2022_07_01;
import static io.fluxrp.model.version.ApiVersion.V2023_05_01;
import static io.fluxrp.model.version.ApiVersion.V2024_04_01_PREVIEW;
import static io.fluxrp.model.version.ApiVersion.V2024_11_01;
import static io.fluxrp.model.version.ApiVersion.V2025_04_01;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fluxrp.model.version.ApiVersion;
import java.util.List;

/**
 * The Flux Configurations API schema as data: every property of every api-version, with the version
 * that introduced it and the spec's flags. One table drives request checking, defaults, version
 * views and the write-only handling of secrets; {@code FluxSchemaSpecTest} checks it against the
 * Azure specs.
 */
public final class FluxSchema {
  private FluxSchema() {}

  /**
   * First api-version with OCI sources (2024-04-01-preview; its only gap to 2024-11-01 is git
   * {@code provider}).
   */
  public static final ApiVersion OCI_SINCE = V2024_04_01_PREVIEW;

  private static final MapType STRING_MAP = new MapType(STRING);

  public static final EnumType SCOPE = EnumType.of("ScopeType", "cluster", "namespace");
  public static final EnumType SOURCE_KIND =
      EnumType.of("SourceKindType", "GitRepository", "Bucket")
          .plus("AzureBlob", V2022_07_01)
          .plus("OCIRepository", OCI_SINCE);
  public static final EnumType PROVIDER =
      new EnumType(
              "ProviderType",
              List.of(
                  new EnumType.Value("Azure", V2024_11_01),
                  new EnumType.Value("Generic", V2024_11_01)))
          .plus("GitHub", V2025_04_01);
  public static final EnumType OPERATION = EnumType.of("OperationType", "extract", "copy");
  public static final EnumType COMPLIANCE =
      EnumType.of(
          "FluxComplianceState", "Compliant", "Non-Compliant", "Pending", "Suspended", "Unknown");
  public static final EnumType PROVISIONING =
      EnumType.of(
          "ProvisioningState",
          "Succeeded",
          "Failed",
          "Canceled",
          "Creating",
          "Updating",
          "Deleting");
  public static final EnumType CREATED_BY_TYPE =
      EnumType.of("createdByType", "User", "Application", "ManagedIdentity", "Key");

  private static Field interval(String name) {
    // IntNode, as Jackson parses 600: canonical forms built here and read back from JSON compare
    // equal
    return Field.of(name, INT64).defaultsTo(IntNode.valueOf(600));
  }

  private static Field flag(String name, boolean defaultValue) {
    return Field.of(name, BOOLEAN).defaultsTo(BooleanNode.valueOf(defaultValue));
  }

  // ---- sources ----------------------------------------------------------------------------------

  public static final ObjectType REPOSITORY_REF =
      ObjectType.of(
          "RepositoryRefDefinition",
          Field.of("branch", STRING),
          Field.of("tag", STRING),
          Field.of("semver", STRING),
          Field.of("commit", STRING));

  public static final ObjectType GIT_REPOSITORY =
      ObjectType.of(
          "GitRepositoryDefinition",
          Field.of("url", STRING),
          interval("timeoutInSeconds"),
          interval("syncIntervalInSeconds"),
          Field.of("repositoryRef", REPOSITORY_REF),
          Field.of("sshKnownHosts", STRING),
          Field.of("httpsUser", STRING),
          Field.of("httpsCACert", STRING),
          Field.of("localAuthRef", STRING),
          Field.of("provider", PROVIDER).since(V2024_11_01));

  /**
   * Bucket {@code insecure}: the spec's default is {@code true}; {@link Canonical} derives it from
   * the URL scheme instead, so an {@code https://} endpoint keeps TLS.
   */
  public static final ObjectType BUCKET =
      ObjectType.of(
          "BucketDefinition",
          Field.of("url", STRING),
          Field.of("bucketName", STRING),
          Field.of("insecure", BOOLEAN),
          interval("timeoutInSeconds"),
          interval("syncIntervalInSeconds"),
          Field.of("accessKey", STRING),
          Field.of("localAuthRef", STRING));

  public static final ObjectType SERVICE_PRINCIPAL =
      ObjectType.of(
          "ServicePrincipalDefinition",
          Field.of("clientId", STRING),
          Field.of("tenantId", STRING),
          Field.of("clientSecret", STRING).asSecret(),
          Field.of("clientCertificate", STRING).asSecret(),
          Field.of("clientCertificatePassword", STRING).asSecret(),
          flag("clientCertificateSendChain", false));

  public static final ObjectType MANAGED_IDENTITY =
      ObjectType.of("ManagedIdentityDefinition", Field.of("clientId", STRING));

  public static final ObjectType AZURE_BLOB =
      ObjectType.of(
          "AzureBlobDefinition",
          Field.of("url", STRING),
          Field.of("containerName", STRING),
          interval("timeoutInSeconds"),
          interval("syncIntervalInSeconds"),
          Field.of("servicePrincipal", SERVICE_PRINCIPAL),
          Field.of("accountKey", STRING).asSecret(),
          Field.of("sasToken", STRING).asSecret(),
          Field.of("managedIdentity", MANAGED_IDENTITY),
          Field.of("localAuthRef", STRING));

  public static final ObjectType OCI_REPOSITORY_REF =
      ObjectType.of(
          "OCIRepositoryRefDefinition",
          Field.of("tag", STRING),
          Field.of("semver", STRING),
          Field.of("digest", STRING));

  public static final ObjectType LAYER_SELECTOR =
      ObjectType.of(
          "LayerSelectorDefinition",
          Field.of("mediaType", STRING),
          Field.of("operation", OPERATION));

  public static final ObjectType MATCH_OIDC_IDENTITY =
      ObjectType.of(
          "MatchOidcIdentityDefinition", Field.of("issuer", STRING), Field.of("subject", STRING));

  public static final ObjectType VERIFY =
      ObjectType.of(
          "VerifyDefinition",
          Field.of("provider", STRING),
          Field.of("verificationConfig", STRING_MAP),
          Field.of("matchOidcIdentity", new ArrayType(MATCH_OIDC_IDENTITY)));

  public static final ObjectType TLS_CONFIG =
      ObjectType.of(
          "TlsConfigDefinition",
          Field.of("clientCertificate", STRING).asSecret(),
          Field.of("privateKey", STRING).asSecret(),
          Field.of("caCertificate", STRING).asSecret());

  public static final ObjectType OCI_REPOSITORY =
      ObjectType.of(
          "OCIRepositoryDefinition",
          Field.of("url", STRING),
          interval("timeoutInSeconds"),
          interval("syncIntervalInSeconds"),
          Field.of("repositoryRef", OCI_REPOSITORY_REF),
          Field.of("layerSelector", LAYER_SELECTOR),
          Field.of("verify", VERIFY),
          flag("insecure", false),
          flag("useWorkloadIdentity", false),
          Field.of("serviceAccountName", STRING),
          Field.of("tlsConfig", TLS_CONFIG),
          Field.of("localAuthRef", STRING));

  // ---- kustomizations ---------------------------------------------------------------------------

  public static final ObjectType SUBSTITUTE_FROM =
      ObjectType.of(
          "SubstituteFromDefinition",
          Field.of("kind", STRING),
          Field.of("name", STRING),
          flag("optional", false));

  public static final ObjectType POST_BUILD =
      ObjectType.of(
          "PostBuildDefinition",
          Field.of("substitute", STRING_MAP),
          Field.of("substituteFrom", new ArrayType(SUBSTITUTE_FROM)));

  public static final ObjectType KUSTOMIZATION =
      ObjectType.of(
          "KustomizationDefinition",
          Field.of("name", STRING).asReadOnly(),
          Field.of("path", STRING).defaultsTo(TextNode.valueOf("")),
          Field.of("dependsOn", new ArrayType(STRING)),
          interval("timeoutInSeconds"),
          interval("syncIntervalInSeconds"),
          Field.of("retryIntervalInSeconds", INT64),
          flag("prune", false),
          flag("force", false),
          flag("wait", true).since(V2023_05_01),
          Field.of("postBuild", POST_BUILD).since(V2023_05_01));

  // ---- status (read-only) -----------------------------------------------------------------------

  public static final ObjectType OBJECT_REFERENCE =
      ObjectType.of(
          "ObjectReferenceDefinition", Field.of("name", STRING), Field.of("namespace", STRING));

  public static final ObjectType STATUS_CONDITION =
      ObjectType.of(
          "ObjectStatusConditionDefinition",
          Field.of("lastTransitionTime", DATE_TIME),
          Field.of("message", STRING),
          Field.of("reason", STRING),
          Field.of("status", STRING),
          Field.of("type", STRING));

  public static final ObjectType HELM_RELEASE_PROPERTIES =
      ObjectType.of(
          "HelmReleasePropertiesDefinition",
          Field.of("lastRevisionApplied", INT64),
          Field.of("helmChartRef", OBJECT_REFERENCE),
          Field.of("failureCount", INT64),
          Field.of("installFailureCount", INT64),
          Field.of("upgradeFailureCount", INT64));

  public static final ObjectType OBJECT_STATUS =
      ObjectType.of(
          "ObjectStatusDefinition",
          Field.of("name", STRING),
          Field.of("namespace", STRING),
          Field.of("kind", STRING),
          Field.of("complianceState", COMPLIANCE).defaultsTo(TextNode.valueOf("Unknown")),
          Field.of("appliedBy", OBJECT_REFERENCE),
          Field.of("statusConditions", new ArrayType(STATUS_CONDITION)),
          Field.of("helmReleaseProperties", HELM_RELEASE_PROPERTIES));

  // ---- the resource -----------------------------------------------------------------------------

  /** {@code FluxConfigurationProperties}: desired state, secrets and the read-only status. */
  public static final ObjectType PROPERTIES =
      ObjectType.of(
          "FluxConfigurationProperties",
          Field.of("scope", SCOPE).asCreateOnly().defaultsTo(TextNode.valueOf("cluster")),
          Field.of("namespace", STRING).asCreateOnly().defaultsTo(TextNode.valueOf("default")),
          Field.of("sourceKind", SOURCE_KIND).defaultsTo(TextNode.valueOf("GitRepository")),
          flag("suspend", false),
          Field.of("gitRepository", GIT_REPOSITORY),
          Field.of("bucket", BUCKET),
          Field.of("azureBlob", AZURE_BLOB).since(V2022_07_01),
          Field.of("ociRepository", OCI_REPOSITORY).since(OCI_SINCE),
          Field.of("kustomizations", new MapType(KUSTOMIZATION)),
          Field.of("configurationProtectedSettings", STRING_MAP).asSecret(),
          Field.of("statuses", new ArrayType(OBJECT_STATUS)).asReadOnly(),
          Field.of("repositoryPublicKey", STRING).asReadOnly(),
          Field.of("sourceSyncedCommitId", STRING).asReadOnly(),
          Field.of("sourceUpdatedAt", DATE_TIME).asReadOnly(),
          Field.of("statusUpdatedAt", DATE_TIME).asReadOnly(),
          Field.of("waitForReconciliation", BOOLEAN).since(V2023_05_01),
          Field.of("reconciliationWaitDuration", STRING).since(V2023_05_01),
          Field.of("complianceState", COMPLIANCE)
              .asReadOnly()
              .defaultsTo(TextNode.valueOf("Unknown")),
          Field.of("provisioningState", PROVISIONING).asReadOnly(),
          Field.of("errorMessage", STRING).asReadOnly());

  /**
   * {@code FluxConfigurationPatchProperties}. The spec's patch model lacks {@code scope} and {@code
   * namespace}; they are accepted here so a GET-modify-PATCH round trip works, and refused only
   * when they differ from the stored values (they are create-only).
   */
  public static final ObjectType PATCH_PROPERTIES =
      PROPERTIES.restrictedTo(
          "FluxConfigurationPatchProperties",
          List.of(
              "scope",
              "namespace",
              "sourceKind",
              "suspend",
              "gitRepository",
              "bucket",
              "azureBlob",
              "ociRepository",
              "kustomizations",
              "configurationProtectedSettings",
              "statuses",
              "repositoryPublicKey",
              "sourceSyncedCommitId",
              "sourceUpdatedAt",
              "statusUpdatedAt",
              "complianceState",
              "provisioningState",
              "errorMessage"));

  public static final ObjectType SYSTEM_DATA =
      ObjectType.of(
          "systemData",
          Field.of("createdBy", STRING),
          Field.of("createdByType", CREATED_BY_TYPE),
          Field.of("createdAt", DATE_TIME),
          Field.of("lastModifiedBy", STRING),
          Field.of("lastModifiedByType", CREATED_BY_TYPE),
          Field.of("lastModifiedAt", DATE_TIME));

  private static ObjectType envelope(String name, ObjectType properties) {
    return ObjectType.of(
        name,
        Field.of("id", STRING).asReadOnly(),
        Field.of("name", STRING).asReadOnly(),
        Field.of("type", STRING).asReadOnly(),
        Field.of("systemData", SYSTEM_DATA).asReadOnly(),
        Field.of("properties", properties));
  }

  /** The PUT body and every response body. */
  public static final ObjectType RESOURCE = envelope("FluxConfiguration", PROPERTIES);

  /** The PATCH body. */
  public static final ObjectType PATCH_RESOURCE =
      envelope("FluxConfigurationPatch", PATCH_PROPERTIES);

  /** The source block property of each source kind, in {@link #SOURCE_KIND} order. */
  public static final List<String> SOURCE_BLOCKS =
      List.of("gitRepository", "bucket", "azureBlob", "ociRepository");
}
