package dev.cicd.core.store;

class InMemoryBuildStoreContractTest extends BuildStoreContract {
  @Override
  protected BuildStore newStore() {
    return new InMemoryBuildStore();
  }
}
