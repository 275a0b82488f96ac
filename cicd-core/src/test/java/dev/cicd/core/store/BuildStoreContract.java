package dev.cicd.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cicd.core.build.BuildId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BuildStore} must pass. Shipped in the cicd-core test-jar: an
 * implementation's test extends it and implements {@link #newStore()} (and {@link #dispose} when the
 * store holds resources). Each nested group's tests live in a class of its own file.
 */
public abstract class BuildStoreContract {
  /** The store under test, fresh for each test. */
  protected BuildStore store;

  /** @return a new, empty store. Called before each test. */
  protected abstract BuildStore newStore();

  /** Releases what {@link #newStore()} created (drop schema, close pools). Default: nothing. */
  protected void dispose(BuildStore store) throws Exception {}

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @AfterEach
  void disposeStore() throws Exception {
    dispose(store);
  }

  @Test
  @DisplayName("the hook returns an empty store")
  void hookReturnsStore() {
    assertThat(store).isNotNull();
    assertThat(store.count()).isZero();
    assertThat(store.find(BuildId.github("octo-org/none", 1))).isEmpty();
  }

  @Nested
  @DisplayName("saving and finding")
  class SavingAndFinding extends SaveAndFindContract {
    @Override
    BuildStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("merging through ingestion")
  class Merging extends MergeContract {
    @Override
    BuildStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("concurrent ingestion")
  class Concurrency extends ConcurrencyContract {
    @Override
    BuildStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("batch writes (group commit)")
  class Batches extends BatchContract {
    @Override
    BuildStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("listing")
  class Listing extends ListingContract {
    @Override
    BuildStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("metrics equal the reference computation")
  class Metrics extends MetricsContract {
    @Override
    BuildStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("deliveries, deployments and retention")
  class Bookkeeping extends BookkeepingContract {
    @Override
    BuildStore store() {
      return store;
    }
  }

  @Nested
  @DisplayName("webhook inbox")
  class Inbox extends InboxContract {
    @Override
    BuildStore store() {
      return store;
    }
  }
}
