package io.fluxrp.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxrp.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Request bodies the HTTP tests send. */
public final class Bodies {
  private static final Path EXAMPLES = Path.of("../testdata/azure-spec/2025-04-01/examples");

  private Bodies() {}

  /** A small valid Git configuration with one kustomization. */
  public static String git(String url) {
    return """
        {"properties": {"namespace": "apps", "gitRepository": {"url": "%s", "repositoryRef": {"branch": "main"}},
         "kustomizations": {"infra": {"path": "./infra"}}}}
        """
        .formatted(url);
  }

  public static String git() {
    return git("https://github.com/fluxrp/demo");
  }

  /** The request body of an example of the 2025-04-01 spec, e.g. CreateFluxConfiguration.json. */
  public static String example(String file, String parameter) {
    try {
      JsonNode example = Json.mapper().readTree(Files.readString(EXAMPLES.resolve(file)));
      return Json.mapper().writeValueAsString(example.path("parameters").path(parameter));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectNode parse(String json) {
    try {
      return (ObjectNode) Json.mapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String write(JsonNode node) {
    try {
      return Json.mapper().writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Base64 of the UTF-8 bytes of {@code text}, as the API's base64 fields take it. */
  public static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A freshly generated EC P-256 private key as unencrypted PKCS#8 PEM. */
  public static String privateKeyPem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(pkcs8)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
