package io.fluxrp.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelSelectorsTest {

  @Test
  void equalityAndExistenceRequirementsAreSupported() {
    assertThat(LabelSelectors.unsupportedRequirement("clusterconfig.azure.com/is-managed=true"))
        .isEmpty();
    assertThat(LabelSelectors.unsupportedRequirement("a==b,c!=d,e,!f")).isEmpty();
  }

  @Test
  void setBasedRequirementsAreNotSupported() {
    assertThat(LabelSelectors.unsupportedRequirement("a=b,tier in (web,db),c"))
        .contains("tier in (web,db)");
    assertThat(LabelSelectors.unsupportedRequirement("tier notin (web)"))
        .contains("tier notin (web)");
  }

  @Test
  void requirementsTheMockWouldMisreadAreNotSupported() {
    assertThat(LabelSelectors.unsupportedRequirement("a=")).contains("a=");
    assertThat(LabelSelectors.unsupportedRequirement("a = b")).contains("a = b");
  }
}
