package io.fluxrp.server.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * A self-signed certificate for local use: RSA 3072, SHA256withRSA, subject {@code CN=localhost},
 * subject alternative names {@code localhost}, {@code 127.0.0.1} and {@code ::1}, valid for a year.
 * Built with the JDK alone (it has no public API to create certificates).
 */
final class SelfSignedCertificate {
  private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
  private static final String COMMON_NAME = "2.5.4.3";
  private static final String SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String BASIC_CONSTRAINTS = "2.5.29.19";
  private static final int DNS_NAME = 2;
  private static final int IP_ADDRESS = 7;

  private SelfSignedCertificate() {}

  record Generated(KeyPair keys, X509Certificate certificate) {}

  static Generated generate(ZonedDateTime now) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(3072, new SecureRandom());
    KeyPair keys = generator.generateKeyPair();
    byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nullValue());
    byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8("localhost"))));
    byte[] tbs =
        Der.sequence(
            Der.context(0, true, Der.integer(BigInteger.TWO)), // version 3
            Der.integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)),
            algorithm,
            name,
            Der.sequence(
                Der.time(now.minusMinutes(5).truncatedTo(ChronoUnit.SECONDS)),
                Der.time(now.plusYears(1).truncatedTo(ChronoUnit.SECONDS))),
            name,
            keys.getPublic().getEncoded(),
            Der.context(3, true, Der.sequence(subjectAltNames(), notACertificateAuthority())));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(keys.getPrivate());
    signer.update(tbs);
    byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
    X509Certificate parsed =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
    parsed.verify(keys.getPublic());
    return new Generated(keys, parsed);
  }

  private static byte[] subjectAltNames() {
    byte[] names =
        Der.sequence(
            Der.context(DNS_NAME, false, "localhost".getBytes(StandardCharsets.US_ASCII)),
            Der.context(IP_ADDRESS, false, new byte[] {127, 0, 0, 1}),
            Der.context(IP_ADDRESS, false, ipv6Loopback()));
    return Der.sequence(Der.oid(SUBJECT_ALT_NAME), Der.octetString(names));
  }

  private static byte[] notACertificateAuthority() {
    return Der.sequence(
        Der.oid(BASIC_CONSTRAINTS), Der.booleanValue(true), Der.octetString(Der.sequence()));
  }

  private static byte[] ipv6Loopback() {
    byte[] address = new byte[16];
    address[15] = 1;
    return address;
  }
}
