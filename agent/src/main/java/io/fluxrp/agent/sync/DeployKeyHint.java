package io.fluxrp.agent.sync;

import io.fluxrp.model.fluxconfig.ObjectStatusConditionDefinition;
import io.fluxrp.model.fluxconfig.ObjectStatusDefinition;
import java.util.List;

/**
 * Makes an SSH authentication failure of the source say which key to install: users found the
 * generated public key hard to come by (MicrosoftDocs/azure-docs#57785).
 */
final class DeployKeyHint {
  static final String AUTHENTICATION_FAILED = "AuthenticationFailed";

  private DeployKeyHint() {}

  static List<ObjectStatusDefinition> apply(
      List<ObjectStatusDefinition> statuses, String sourceKind, String publicKey) {
    if (publicKey == null) {
      return statuses;
    }
    return statuses.stream()
        .map(s -> s.appliedBy() == null && sourceKind.equals(s.kind()) ? hinted(s, publicKey) : s)
        .toList();
  }

  private static ObjectStatusDefinition hinted(ObjectStatusDefinition status, String publicKey) {
    if (status.statusConditions() == null) {
      return status;
    }
    List<ObjectStatusConditionDefinition> conditions =
        status.statusConditions().stream()
            .map(c -> AUTHENTICATION_FAILED.equals(c.reason()) ? hinted(c, publicKey) : c)
            .toList();
    return new ObjectStatusDefinition(
        status.name(),
        status.namespace(),
        status.kind(),
        status.complianceState(),
        status.appliedBy(),
        conditions,
        status.helmReleaseProperties());
  }

  private static ObjectStatusConditionDefinition hinted(
      ObjectStatusConditionDefinition condition, String publicKey) {
    String message = condition.message() == null ? "" : condition.message();
    return new ObjectStatusConditionDefinition(
        condition.lastTransitionTime(),
        message
            + " — add this public key as a deploy key of the repository (read access is enough): "
            + publicKey,
        condition.reason(),
        condition.status(),
        condition.type());
  }
}
