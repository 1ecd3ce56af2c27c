package io.fluxrp.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Kubeconfig files for tests: one context {@code test} on one API server. */
public final class Kubeconfigs {
  private Kubeconfigs() {}

  public static Path write(Path file, String server) {
    try {
      return Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          current-context: test
          clusters:
          - name: test
            cluster:
              server: %s
          contexts:
          - name: test
            context:
              cluster: test
              user: test
              namespace: default
          users:
          - name: test
            user:
              token: t
          """
              .formatted(server));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
