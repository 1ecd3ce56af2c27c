package io.fluxrp.model.fluxconfig;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * PKCS#8 private keys ({@code PrivateKeyInfo}), and the conversion of PKCS#1 RSA and SEC 1 EC keys
 * into them, so that one check covers all three PEM formats.
 */
final class Pkcs8Keys {
  // DER object identifiers (content bytes) of the PKCS#8 key algorithms
  private static final String OID_RSA = "2a864886f70d010101";
  private static final String OID_EC = "2a8648ce3d0201";
  private static final String OID_ED25519 = "2b6570";
  private static final String OID_ED448 = "2b6571";
  private static final String OID_DSA = "2a8648ce380401";

  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
  private static final byte[] DER_NULL = {0x05, 0x00};

  private Pkcs8Keys() {}

  /** Problems of a PKCS#8 key; {@code what} names its original format ("a PKCS#8"...). */
  static Optional<String> problem(byte[] pkcs8, String what) {
    String algorithm;
    try {
      algorithm = algorithm(pkcs8);
    } catch (IllegalArgumentException e) {
      return Optional.of("is not " + what + " private key (its DER structure does not parse)");
    }
    if (algorithm == null) {
      return Optional.of(
          "uses a key algorithm that SSH does not support; use an Ed25519, ECDSA or RSA key");
    }
    if (algorithm.equals("DSA")) {
      return Optional.of(SshPrivateKeys.DSA_REFUSED);
    }
    try {
      KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return Optional.empty();
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.of("is not " + what + " " + algorithm + " private key that can be read");
    }
  }

  /** The KeyFactory algorithm of a PKCS#8 PrivateKeyInfo, or null when SSH cannot use it. */
  private static String algorithm(byte[] pkcs8) {
    DerElement info = DerElement.read(pkcs8, 0).expect(0x30);
    DerElement version = DerElement.read(pkcs8, info.contentStart()).expect(0x02);
    DerElement algorithmId = DerElement.read(pkcs8, version.end()).expect(0x30);
    DerElement oid = DerElement.read(pkcs8, algorithmId.contentStart()).expect(0x06);
    return switch (HexFormat.of().formatHex(pkcs8, oid.contentStart(), oid.end())) {
      case OID_RSA -> "RSA";
      case OID_EC -> "EC";
      case OID_ED25519 -> "Ed25519";
      case OID_ED448 -> "Ed448";
      case OID_DSA -> "DSA";
      default -> null;
    };
  }

  /** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo. */
  static byte[] fromPkcs1(byte[] pkcs1) {
    return privateKeyInfo(concat(oid(OID_RSA), DER_NULL), pkcs1);
  }

  /**
   * SEC 1 ECPrivateKey (with its named curve) → PKCS#8 PrivateKeyInfo; throws {@link
   * IllegalArgumentException} saying what is wrong when the key does not parse.
   */
  static byte[] fromSec1(byte[] sec1) {
    DerElement key = DerElement.read(sec1, 0).expect(0x30);
    int at = key.contentStart();
    byte[] curve = null;
    while (at < key.end()) {
      DerElement element = DerElement.read(sec1, at);
      if (element.tag() == 0xA0) {
        DerElement oid = DerElement.read(sec1, element.contentStart()).expect(0x06);
        curve = Arrays.copyOfRange(sec1, oid.start(), oid.end());
      }
      at = element.end();
    }
    if (curve == null) {
      throw new IllegalArgumentException("it does not name its curve");
    }
    return privateKeyInfo(concat(oid(OID_EC), curve), sec1);
  }

  /** PrivateKeyInfo: version 0, the AlgorithmIdentifier of {@code algorithm}, the key. */
  private static byte[] privateKeyInfo(byte[] algorithm, byte[] privateKey) {
    return DerElement.tlv(
        0x30, concat(VERSION_0, DerElement.tlv(0x30, algorithm), DerElement.tlv(0x04, privateKey)));
  }

  private static byte[] oid(String hex) {
    return DerElement.tlv(0x06, HexFormat.of().parseHex(hex));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
