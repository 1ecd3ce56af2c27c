package io.fluxrp.model.fluxconfig;

import static io.fluxrp.model.fluxconfig.FluxConfigurationValidator.BUCKET_SECRET_KEY;
import static io.fluxrp.model.fluxconfig.PropertyPaths.BUCKET;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code bucket} source: endpoint, bucket name, intervals and its access-key credentials. */
final class BucketRules {
  private final ValidationProblems problems;
  private final Map<String, String> settings;
  private final PropertyChecks checks;
  private final UrlChecks urls;

  BucketRules(ValidationProblems problems, Map<String, String> settings) {
    this.problems = problems;
    this.settings = settings;
    this.checks = new PropertyChecks(problems);
    this.urls = new UrlChecks(problems);
  }

  void check(BucketDefinition bucket) {
    urls.checkHttpUrl(BUCKET.property("url"), bucket.url(), "A Bucket source");
    checks.checkPresent(
        BUCKET.property("bucketName"),
        bucket.bucketName(),
        "A Bucket source needs 'properties.bucket.bucketName', the name of the bucket to fetch.");
    checks.checkSourceIntervals(BUCKET, bucket.timeoutInSeconds(), bucket.syncIntervalInSeconds());
    checkCredentials(bucket);
    checks.checkLocalAuthRef(BUCKET, bucket.localAuthRef());
  }

  /** Inline keys only without a {@code localAuthRef}, and a secret key only with an access key. */
  private void checkCredentials(BucketDefinition bucket) {
    boolean accessKey = bucket.accessKey() != null;
    boolean secretKey = settings.containsKey(BUCKET_SECRET_KEY);
    if (bucket.localAuthRef() != null && (accessKey || secretKey)) {
      List<String> inline = new ArrayList<>();
      if (accessKey) {
        inline.add("accessKey");
      }
      if (secretKey) {
        inline.add("configurationProtectedSettings." + BUCKET_SECRET_KEY);
      }
      problems.invalid(
          BUCKET.property("localAuthRef"),
          MessageText.inlineCredentialsWithLocalAuthRef(
              BUCKET.property("localAuthRef").value(), "the bucket credentials", inline));
    } else if (secretKey && !accessKey) {
      problems.missing(
          BUCKET.property("accessKey"),
          "configurationProtectedSettings."
              + BUCKET_SECRET_KEY
              + " is set but 'properties.bucket.accessKey' is missing. Access key and secret key"
              + " must be given together.");
    }
  }
}
