package io.fluxrp.model.fluxconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.model.schema.EnumType;
import io.fluxrp.model.schema.Field;
import io.fluxrp.model.schema.FluxSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules a Flux configuration must follow beyond the schema (DESIGN §3, "Validation beyond the
 * schema"), checked on the canonical, defaults-filled desired state before anything is stored.
 * Every problem is reported, each with the JSON path of the property in {@code target}. Messages
 * say what is wrong, what was received and what is accepted, but never repeat a write-only value.
 * The rules of each area live in the package-private {@code *Rules} classes.
 */
public final class FluxConfigurationValidator {
  /** Longest interval or timeout Azure accepts, in seconds (Int32.MaxValue / 60). */
  public static final long MAX_SECONDS = 35_791_394L;

  /** Protected-setting keys the Azure CLI and Terraform use for Git and Bucket credentials. */
  public static final String SSH_PRIVATE_KEY = "sshPrivateKey";

  public static final String HTTPS_KEY = "httpsKey";
  public static final String BUCKET_SECRET_KEY = "bucketSecretKey";

  private FluxConfigurationValidator() {}

  /**
   * Checks the canonical properties of configuration {@code configurationName} (the path segment,
   * whose rules {@link ResourcePathRules#validateConfigurationName} applies here too, so a PUT or
   * PATCH handler need not check it separately).
   */
  public static List<ErrorDetail> validate(
      FluxConfigurationProperties properties, String configurationName) {
    ValidationProblems problems = new ValidationProblems();
    Map<String, String> settings =
        properties.configurationProtectedSettings() == null
            ? Map.of()
            : properties.configurationProtectedSettings();
    NameRules names = new NameRules(problems);
    boolean nameOk = names.checkConfigurationName(configurationName);
    names.checkNamespace(properties.namespace());
    SourceKind kind =
        properties.sourceKind() == null ? SourceKind.GIT_REPOSITORY : properties.sourceKind();
    new SourceSelectionRules(problems).check(properties, kind);
    checkSelectedSource(properties, kind, problems, settings);
    new KustomizationRules(problems)
        .check(properties.kustomizations(), nameOk ? configurationName : null);
    new ReconciliationWaitDurationRule(problems).check(properties.reconciliationWaitDuration());
    new ProtectedSettingsRules(problems).check(settings);
    return problems.toList();
  }

  /**
   * A {@code reconciliationWaitDuration} that {@link #validate} accepted, as a duration: every
   * ISO-8601 form the rule accepts, {@code PnW} included (which {@link Duration#parse} is not).
   */
  public static Duration reconciliationWait(String validated) {
    return ReconciliationWaitDurationRule.parseIsoDuration(validated)
        .orElseThrow(() -> new IllegalArgumentException("not an ISO-8601 duration"));
  }

  private static void checkSelectedSource(
      FluxConfigurationProperties p,
      SourceKind kind,
      ValidationProblems problems,
      Map<String, String> settings) {
    switch (kind) {
      case GIT_REPOSITORY -> {
        if (p.gitRepository() != null) {
          new GitRepositoryRules(problems, settings).check(p.gitRepository());
        }
      }
      case BUCKET -> {
        if (p.bucket() != null) {
          new BucketRules(problems, settings).check(p.bucket());
        }
      }
      case AZURE_BLOB -> {
        if (p.azureBlob() != null) {
          new AzureBlobRules(problems).check(p.azureBlob());
        }
      }
      case OCI_REPOSITORY -> {
        if (p.ociRepository() != null) {
          new OciRepositoryRules(problems).check(p.ociRepository());
        }
      }
    }
  }

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
      changes.add(createOnlyChange(field, before, after));
    }
    return changes;
  }

  private static ErrorDetail createOnlyChange(Field field, JsonNode before, JsonNode after) {
    String path = PropertyPaths.PROPERTIES.property(field.name()).value();
    return ErrorDetail.of(
        ArmErrorCode.PROPERTY_CHANGE_NOT_ALLOWED,
        path,
        "The property '"
            + path
            + "' can only be set when the configuration is created. It is "
            + MessageText.quote(before.asText())
            + " and cannot be changed to "
            + MessageText.quote(after.asText())
            + "; delete and re-create the configuration to change it.");
  }

  private static boolean sameValue(Field field, JsonNode before, JsonNode after) {
    if (field.type() instanceof EnumType && before.isTextual() && after.isTextual()) {
      return before.textValue().equalsIgnoreCase(after.textValue());
    }
    return Objects.equals(before, after);
  }
}
