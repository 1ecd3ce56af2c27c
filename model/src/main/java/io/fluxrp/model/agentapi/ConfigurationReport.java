package io.fluxrp.model.agentapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fluxrp.model.fluxconfig.ComplianceState;
import io.fluxrp.model.fluxconfig.ObjectStatusDefinition;
import java.time.Instant;
import java.util.List;

/**
 * What a cluster reports about one configuration.
 *
 * @param generation the desired-state generation the report is about
 * @param failure why applying failed (outcome {@link Outcome#APPLY_FAILED})
 * @param statuses the Flux objects' live status
 * @param complianceState the cluster's roll-up over {@code statuses}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigurationReport(
    String name,
    long generation,
    Outcome outcome,
    ApplyFailure failure,
    List<ObjectStatusDefinition> statuses,
    ComplianceState complianceState,
    String sourceSyncedCommitId,
    Instant sourceUpdatedAt,
    String repositoryPublicKey) {

  public enum Outcome {
    /** The generation's objects are applied; {@code statuses} tells how Flux is doing with them. */
    @JsonProperty("Applied")
    APPLIED,
    /** Applying the generation failed; nothing more will happen until the desired state changes. */
    @JsonProperty("ApplyFailed")
    APPLY_FAILED,
    /** The configuration's objects are gone from the cluster. */
    @JsonProperty("Deleted")
    DELETED
  }

  /** Which object could not be applied, and why. */
  public record ApplyFailure(String object, String reason, String message) {
    /** Keeps an {@code errorMessage} readable whatever the cluster sends. */
    public static final int MAX_DESCRIPTION = 4000;

    /** {@code object: reason: message}, at most {@link #MAX_DESCRIPTION} characters. */
    public String describe() {
      String text = object + ": " + reason + ": " + message;
      return text.length() <= MAX_DESCRIPTION ? text : text.substring(0, MAX_DESCRIPTION) + "...";
    }
  }

  public ConfigurationReport {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
  }
}
