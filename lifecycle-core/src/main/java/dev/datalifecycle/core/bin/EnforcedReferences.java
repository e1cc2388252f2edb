package dev.datalifecycle.core.bin;

import dev.datalifecycle.core.model.Catalog;
import dev.datalifecycle.core.model.Dependency;
import dev.datalifecycle.core.model.DependencyKind;
import dev.datalifecycle.core.model.LifecycleModel;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The dependencies the database itself keeps from dangling: a foreign key on the reference's column
 * with ON DELETE RESTRICT or NO ACTION, checked at once (not deferred). A purge need not look for
 * records outside it that still reference its records through those: the DELETE fails instead, and
 * only then does the purge look, to name the record. Read from the catalog on first use and kept: the schema is not expected to
 * lose foreign keys while the application runs.
 */
final class EnforcedReferences {

    private final LifecycleModel model;
    private volatile Set<String> names;

    EnforcedReferences(LifecycleModel model) {
        this.model = model;
    }

    /** The names of the dependencies a RESTRICT or NO ACTION foreign key enforces. */
    Set<String> of(Connection connection) throws SQLException {
        Set<String> known = names;
        if (known == null) {
            known = read(connection);
            names = known;
        }
        return known;
    }

    private Set<String> read(Connection connection) throws SQLException {
        Set<String> tables = new HashSet<>();
        for (Dependency d : model.dependencies()) {
            if (d.kind() != DependencyKind.ELEMENT_COLLECTION) {
                tables.add(d.table());
            }
        }
        List<Catalog.ForeignKey> keys = Catalog.foreignKeysOf(connection, tables);
        Set<String> enforced = new HashSet<>();
        for (Dependency d : model.dependencies()) {
            if (d.kind() == DependencyKind.ELEMENT_COLLECTION) {
                continue;
            }
            String target = model.type(d.targetType()).primaryTable().name();
            // CASCADE or SET NULL would let the database change outside records silently, and a deferred
            // key would refuse only at commit, after the purge returned: those keep the check.
            boolean refuses = keys.stream().anyMatch(key -> Catalog.same(d.table(), key.table()) && Catalog.same(d.column(), key.column())
                    && Catalog.same(target, key.target()) && !key.deferred()
                    && (key.deleteRule().equals("RESTRICT") || key.deleteRule().equals("NO ACTION")));
            if (refuses) {
                enforced.add(d.name());
            }
        }
        return Set.copyOf(enforced);
    }
}
