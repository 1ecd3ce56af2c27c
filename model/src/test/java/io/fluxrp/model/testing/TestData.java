package io.fluxrp.model.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only reference data in {@code ../testdata}, relative to the module directory. */
public final class TestData {
  private TestData() {}

  /** {@code testdata/} of the repository (the surefire JVM runs in the module directory). */
  public static Path root() {
    Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    Path testdata = base.resolve("../testdata").normalize();
    if (!Files.isDirectory(testdata)) {
      throw new IllegalStateException("testdata not found at " + testdata);
    }
    return testdata;
  }

  public static Path azureSpec(String wireVersion) {
    return root().resolve("azure-spec").resolve(wireVersion).resolve("fluxconfiguration.json");
  }

  public static Path example(String fileName) {
    return root().resolve("azure-spec/2025-04-01/examples").resolve(fileName);
  }

  public static JsonNode readJson(Path file) {
    try {
      return Json.mapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses JSON written in a test, allowing single quotes for readability. */
  public static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.mapper().readTree(text.replace('\'', '"'));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
