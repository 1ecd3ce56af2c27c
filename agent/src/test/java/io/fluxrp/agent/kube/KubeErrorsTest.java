package io.fluxrp.agent.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubeErrorsTest {
  private static KubernetesClientException answered(int code, String reason, String message) {
    Status status =
        new StatusBuilder().withCode(code).withReason(reason).withMessage(message).build();
    return new KubernetesClientException(status);
  }

  @ParameterizedTest
  @CsvSource({
    "409, CONFLICT",
    "400, INVALID",
    "403, INVALID",
    "404, INVALID",
    "422, INVALID",
    "429, TRANSIENT",
    "500, TRANSIENT",
    "503, TRANSIENT",
    "504, TRANSIENT"
  })
  void answersAreClassifiedByStatus(int code, KubeErrors expected) {
    assertThat(KubeErrors.classify(answered(code, "Reason", "message"))).isEqualTo(expected);
  }

  @Test
  void noAnswerAtAllIsTransient() {
    KubernetesClientException unreachable =
        new KubernetesClientException("connect failed", new IOException("Connection refused"));
    assertThat(KubeErrors.classify(unreachable)).isEqualTo(KubeErrors.TRANSIENT);
    assertThat(KubeErrors.reason(unreachable)).isEqualTo("Unreachable");
  }

  @Test
  void reasonAndMessageComeFromTheApiServersStatus() {
    KubernetesClientException invalid =
        answered(
            422, "Invalid", "GitRepository.source.toolkit.fluxcd.io \"x\" is invalid: spec.url");
    assertThat(KubeErrors.reason(invalid)).isEqualTo("Invalid");
    assertThat(KubeErrors.message(invalid)).startsWith("GitRepository.source.toolkit.fluxcd.io");
  }
}
