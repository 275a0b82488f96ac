package dev.cicd.core.alert;

/** The in-memory reference store passes the contract. */
class InMemoryAlertStoreContractTest extends AlertStoreContract {
  @Override
  protected AlertStore newStore() {
    return new InMemoryAlertStore();
  }
}
