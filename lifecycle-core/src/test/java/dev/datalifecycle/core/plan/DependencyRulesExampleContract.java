package dev.datalifecycle.core.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.datalifecycle.api.Actor;
import dev.datalifecycle.api.Criteria;
import dev.datalifecycle.api.DataLifecycle;
import dev.datalifecycle.api.DeletePlan;
import dev.datalifecycle.api.DeleteRule;
import dev.datalifecycle.api.RuleSpec;
import dev.datalifecycle.core.LifecycleJdbc;
import dev.datalifecycle.core.model.IdType;
import dev.datalifecycle.core.model.LifecycleModel;
import dev.datalifecycle.testkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/dependencies-and-delete-rules.md, run on each database; a second test keeps the
 * page's snippet identical to the code between the doc markers below.
 */
abstract class DependencyRulesExampleContract {

    @Test
    void theDocumentedExamplePlansAsTheDocsSay(TestDatabase db) {
        db.execute(
                "create table customer (id bigint primary key, tenant_id varchar(20) not null, name varchar(60) not null,"
                        + " deletion_id varchar(36), deleted_at timestamp)",
                "create table contact (id bigint primary key, customer_id bigint not null references customer(id),"
                        + " deletion_id varchar(36), deleted_at timestamp)",
                "create table contract (id bigint primary key, customer_id bigint not null references customer(id),"
                        + " status varchar(10), deletion_id varchar(36), deleted_at timestamp)",
                "insert into customer (id, tenant_id, name) values (1, 'acme', 'Northwind')",
                "insert into contact (id, customer_id) values (10, 1)",
                "insert into contact (id, customer_id) values (11, 1)",
                "insert into contract (id, customer_id, status) values (20, 1, 'CLOSED')",
                "insert into contract (id, customer_id, status) values (21, 1, 'OPEN')");
        DataSource dataSource = db.dataSource();
        // doc:start
        LifecycleModel model = LifecycleModel.builder()
                .tenants()
                .type("Customer", t -> t.table("customer").id("id", IdType.LONG).notNull("name")
                        .markers("deletion_id", "deleted_at").tenantColumn("tenant_id"))
                .type("Contact", t -> t.table("contact").id("id", IdType.LONG).notNull("customer_id")
                        .markers("deletion_id", "deleted_at").tenantVia("customer_id"))
                .type("Contract", t -> t.table("contract").id("id", IdType.LONG).notNull("customer_id").nullable("status")
                        .markers("deletion_id", "deleted_at").tenantVia("customer_id"))
                .reference("Contact", "customer_id", "Customer", RuleSpec.of(DeleteRule.CASCADE))
                .reference("Contract", "customer_id", "Customer",
                        RuleSpec.when(Criteria.eq("status", "CLOSED"), DeleteRule.CASCADE)) // open or unknown: RESTRICT
                .build();

        DataLifecycle lifecycle = LifecycleJdbc.builder(dataSource, model).build();
        DeletePlan plan = lifecycle.plan("Customer", 1L, Actor.of("alice", "acme", Set.of("sales")));
        // plan.deleted():  [Customer: 1 [1], Contact: 2 [10, 11], Contract: 1 [20]]
        // plan.blockers(): [Contract via Contract.customer_id: 1 [21]]
        // doc:end
        assertEquals("[Customer: 1 [1], Contact: 2 [10, 11], Contract: 1 [20]]", plan.deleted().toString());
        assertEquals("[Contract via Contract.customer_id: 1 [21]]", plan.blockers().toString());
    }

    @Test
    void theDocsPageShowsExactlyThisCode() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        String source = Files.readString(Path.of("src/test/java/dev/datalifecycle/core/plan/DependencyRulesExampleContract.java"));
        String code = source.substring(source.indexOf("// doc:start") + "// doc:start".length(), source.indexOf("// doc:end"));
        String snippet = code.lines().map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                .reduce((a, b) -> a + "\n" + b).orElse("").strip();
        String page = Files.readString(root.resolve("docs/dependencies-and-delete-rules.md"));
        assertTrue(page.contains(snippet), "docs/dependencies-and-delete-rules.md must contain, verbatim:\n" + snippet);
    }
}
