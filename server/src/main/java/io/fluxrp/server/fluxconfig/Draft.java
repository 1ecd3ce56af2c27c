package io.fluxrp.server.fluxconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.arm.ArmException;
import io.fluxrp.model.arm.ErrorDetail;
import io.fluxrp.model.fluxconfig.FluxConfigurationProperties;
import io.fluxrp.model.fluxconfig.FluxConfigurationValidator;
import io.fluxrp.model.json.Json;
import io.fluxrp.model.schema.Canonical;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The new desired state a PUT or PATCH makes of one stored state: merged, normalized, bound and
 * validated. It is worked out before the cluster's row lock is taken, from an unlocked read, and
 * used under the lock only when the locked row still holds the same {@code base}; a 400 it found is
 * kept and thrown at the point of the write where validation has always answered.
 *
 * @param base the stored canonical properties it was made from (null: no visible configuration)
 * @param canonical the new canonical properties (null when invalid)
 * @param typed their typed view (null when invalid)
 * @param invalid why the new state is rejected (null when valid)
 */
record Draft(
    ObjectNode base,
    ObjectNode canonical,
    FluxConfigurationProperties typed,
    ArmException invalid) {

  /** {@code merge} turns {@code base} into the new (not yet canonical) properties. */
  static Draft of(ObjectNode base, UnaryOperator<ObjectNode> merge, String name) {
    try {
      ObjectNode canonical = Canonical.normalize(merge.apply(base));
      return new Draft(base, canonical, validate(base, canonical, name), null);
    } catch (ArmException e) {
      return new Draft(base, null, null, e);
    }
  }

  /** Whether this draft was made from {@code stored}, so that it holds for it as well. */
  boolean madeFrom(ObjectNode stored) {
    return Objects.equals(base, stored);
  }

  boolean valid() {
    return invalid == null;
  }

  /** The typed new state; the 400 when it is invalid. */
  FluxConfigurationProperties checked() {
    if (invalid != null) {
      throw invalid;
    }
    return typed;
  }

  /** Every problem of the new desired state in one 400; else its typed view. */
  private static FluxConfigurationProperties validate(
      ObjectNode stored, ObjectNode canonical, String name) {
    FluxConfigurationProperties typed = bind(canonical);
    List<ErrorDetail> problems = new ArrayList<>();
    if (stored != null) {
      problems.addAll(FluxConfigurationValidator.createOnlyChanges(stored, canonical));
    }
    problems.addAll(FluxConfigurationValidator.validate(typed, name));
    if (!problems.isEmpty()) {
      throw ArmException.invalidContent(problems);
    }
    return typed;
  }

  private static FluxConfigurationProperties bind(ObjectNode canonical) {
    try {
      return Json.mapper().treeToValue(canonical, FluxConfigurationProperties.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "canonical properties do not bind: " + e.getOriginalMessage(), e);
    }
  }
}
