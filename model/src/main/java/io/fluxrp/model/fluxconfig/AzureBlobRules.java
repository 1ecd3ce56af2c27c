package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.MessageText.writeOnlyNote;
import static io.fluxrp.model.fluxconfig.PropertyPaths.BLOB;

import io.fluxrp.model.schema.JsonPath;
import java.util.ArrayList;
import java.util.List;

/** The {@code azureBlob} source: endpoint, container, intervals and one authentication method. */
final class AzureBlobRules {
  private final ValidationProblems problems;
  private final PropertyChecks checks;
  private final UrlChecks urls;

  AzureBlobRules(ValidationProblems problems) {
    this.problems = problems;
    this.checks = new PropertyChecks(problems);
    this.urls = new UrlChecks(problems);
  }

  void check(AzureBlobDefinition blob) {
    urls.checkHttpUrl(BLOB.property("url"), blob.url(), "An AzureBlob source");
    checks.checkPresent(
        BLOB.property("containerName"),
        blob.containerName(),
        "An AzureBlob source needs 'properties.azureBlob.containerName', the name of the blob"
            + " container to fetch.");
    checks.checkSourceIntervals(BLOB, blob.timeoutInSeconds(), blob.syncIntervalInSeconds());
    checkAuthMethods(blob);
    if (blob.servicePrincipal() != null) {
      checkServicePrincipal(blob.servicePrincipal());
    }
    checks.checkLocalAuthRef(BLOB, blob.localAuthRef());
  }

  private void checkAuthMethods(AzureBlobDefinition blob) {
    List<String> methods = new ArrayList<>();
    if (blob.servicePrincipal() != null) {
      methods.add("servicePrincipal");
    }
    if (blob.accountKey() != null) {
      methods.add("accountKey");
    }
    if (blob.sasToken() != null) {
      methods.add("sasToken");
    }
    if (blob.managedIdentity() != null) {
      methods.add("managedIdentity");
    }
    if (blob.localAuthRef() != null) {
      methods.add("localAuthRef");
    }
    if (methods.size() > 1) {
      problems.invalid(
          BLOB,
          "'properties.azureBlob' has "
              + methods.size()
              + " authentication methods ("
              + String.join(", ", methods)
              + "); use at most one of servicePrincipal, accountKey, sasToken, managedIdentity and"
              + " localAuthRef."
              + writeOnlyNote(methods));
    }
  }

  private void checkServicePrincipal(ServicePrincipalDefinition sp) {
    JsonPath path = BLOB.property("servicePrincipal");
    checks.checkPresent(
        path.property("clientId"),
        sp.clientId(),
        "A service principal needs 'properties.azureBlob.servicePrincipal.clientId'"
            + " (the application id).");
    checks.checkPresent(
        path.property("tenantId"),
        sp.tenantId(),
        "A service principal needs 'properties.azureBlob.servicePrincipal.tenantId'.");
    checkServicePrincipalCredential(path, sp);
    checks.checkSecretBase64(path.property("clientCertificate"), sp.clientCertificate());
  }

  /** Exactly one of secret and certificate; the certificate's options only with a certificate. */
  private void checkServicePrincipalCredential(JsonPath path, ServicePrincipalDefinition sp) {
    boolean secret = sp.clientSecret() != null;
    boolean certificate = sp.clientCertificate() != null;
    if (!secret && !certificate) {
      problems.missing(
          path,
          "A service principal needs exactly one credential: clientSecret or clientCertificate"
              + " (base64), and the request has neither.");
    } else if (secret && certificate) {
      problems.invalid(
          path,
          "A service principal takes exactly one credential, but both clientSecret and"
              + " clientCertificate are set; remove one of them."
              + writeOnlyNote(List.of("clientSecret", "clientCertificate")));
    }
    if (!certificate && sp.clientCertificatePassword() != null) {
      problems.invalid(
          path.property("clientCertificatePassword"),
          "clientCertificatePassword is only used with clientCertificate, which is not set. Add"
              + " the certificate or remove the password."
              + writeOnlyNote(List.of("clientCertificatePassword")));
    }
    if (!certificate && Boolean.TRUE.equals(sp.clientCertificateSendChain())) {
      problems.invalid(
          path.property("clientCertificateSendChain"),
          "clientCertificateSendChain is true, but it is only used with clientCertificate, which"
              + " is not set. Add the certificate or set clientCertificateSendChain to false.");
    }
  }
}
