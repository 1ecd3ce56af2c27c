package io.fluxrp.server.operations;

import io.fluxrp.model.fluxconfig.ProvisioningState;

/** What an operation does to its configuration. */
public enum OperationKind {
  CREATE(ProvisioningState.CREATING),
  UPDATE(ProvisioningState.UPDATING),
  DELETE(ProvisioningState.DELETING);

  private final ProvisioningState runningState;

  OperationKind(ProvisioningState runningState) {
    this.runningState = runningState;
  }

  /** The non-terminal provisioning state while an operation of this kind runs. */
  public ProvisioningState runningState() {
    return runningState;
  }
}
