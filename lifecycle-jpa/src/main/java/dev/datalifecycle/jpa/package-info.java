/**
 * The Hibernate ORM side of Data Lifecycle. While the host's {@code EntityManagerFactory} boots it
 * reads the model from the mappings ({@code ModelDiscovery}), hides deleted records from every read
 * ({@code LifecycleMappingContributor}) and puts its guards in Hibernate's path: against the host's
 * own deletes ({@code DirectDeleteGuard}, {@code DirectDeleteInspector}) and against a write under a
 * record being deleted ({@code InsertGuard}), as its boot settings say ({@link
 * dev.datalifecycle.jpa.LifecycleJpaSettings}). At run time {@link dev.datalifecycle.jpa.LifecycleJpa#builder}
 * builds the {@link dev.datalifecycle.api.DataLifecycle} whose operations run in the factory's sessions
 * ({@code SessionTransactions}) or in the host's ({@link dev.datalifecycle.jpa.LifecycleJpa#transactionOf}). Hibernate-specific on purpose: plain Jakarta Persistence exposes no table or column
 * names (see docs/decisions).
 */
package dev.datalifecycle.jpa;
