package io.fluxrp.agent.fluxobjects;

import io.fluxrp.model.fluxconfig.SshReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Base64;
import java.util.Optional;

/** SSH key pairs for Git sources: generation, and the public line of a user's private key. */
public final class SshKeys {
  /**
   * RSA, because Azure DevOps accepts no other key type; 3072 bits, ssh-keygen's default size
   * (flux-mapping §4.1).
   */
  public static final int RSA_BITS = 3072;

  private SshKeys() {}

  /**
   * A new RSA key pair: the private key as PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}, which
   * Flux's SSH library parses), the public key as {@code ssh-rsa <base64>}.
   */
  public static SshIdentity generate() {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4));
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation is unavailable in this JVM", e);
    }
    RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
    return new SshIdentity(
        PemBlock.encode("PRIVATE KEY", pair.getPrivate().getEncoded()),
        line(PublicKeyBlobs.rsa(publicKey.getPublicExponent(), publicKey.getModulus())));
  }

  /**
   * The OpenSSH public line ({@code <type> <base64>}) of a PEM private key: any algorithm in
   * OpenSSH format (the file stores the public key in clear, also when the private part is
   * encrypted); unencrypted RSA in PKCS#1 or PKCS#8; unencrypted EC (SEC 1 or PKCS#8) when the key
   * embeds its public point. Empty for anything else, and for input that does not parse.
   */
  public static Optional<String> publicKeyOf(String privateKeyPem) {
    if (privateKeyPem == null) {
      return Optional.empty();
    }
    try {
      return PemBlock.firstIn(privateKeyPem).flatMap(SshKeys::publicKeyBlob).map(SshKeys::line);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static Optional<byte[]> publicKeyBlob(PemBlock block) {
    if (block.type().equals("OPENSSH PRIVATE KEY")) {
      return Optional.of(PublicKeyBlobs.fromOpenSsh(block.der()));
    }
    if (block.encrypted()) {
      return Optional.empty();
    }
    return switch (block.type()) {
      case "RSA PRIVATE KEY" -> Optional.of(PublicKeyBlobs.fromPkcs1(block.der()));
      case "PRIVATE KEY" -> PublicKeyBlobs.fromPkcs8(block.der());
      case "EC PRIVATE KEY" -> PublicKeyBlobs.fromSec1(block.der(), Optional.empty());
      default -> Optional.empty();
    };
  }

  private static String line(byte[] blob) {
    String type = new String(new SshReader(blob).bytes(), StandardCharsets.US_ASCII);
    return type + " " + Base64.getEncoder().encodeToString(blob);
  }
}
