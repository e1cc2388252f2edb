package dev.datalifecycle.examples.crm;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The sample CRM's records: one tenant, three users, four customers with contacts, opportunities,
 * contracts and activities in the shapes later walk-throughs need (an open contract that blocks, a
 * closed one that does not, a customer with nothing attached).
 */
public final class SampleData {

    /** The tenant every sample record belongs to. */
    public static final String TENANT = "acme-crm";

    private static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    private SampleData() {
    }

    /** Persists the sample records in the caller's transaction. */
    public static void create(EntityManager em) {
        User alice = persist(em, new User(TENANT, "alice", "Alice Martin"));
        User bob = persist(em, new User(TENANT, "bob", "Bob Chen"));
        persist(em, new User(TENANT, "carol", "Carol Diaz"));

        Customer northwind = persist(em, new Customer(TENANT, "Northwind Traders", "Wholesale", alice, days(-400)));
        Contact nancy = persist(em, new Contact(northwind, "Nancy Davolio", "nancy@northwind.example"));
        persist(em, new Contact(northwind, "Andrew Fuller", "andrew@northwind.example"));
        persist(em, new Contact(northwind, "Janet Leverling", "janet@northwind.example"));
        persist(em, new Opportunity(northwind, "Renewal 2027", new BigDecimal("48000.00"), Opportunity.Stage.PROPOSAL));
        persist(em, new Opportunity(northwind, "Warehouse scanners", new BigDecimal("12500.00"), Opportunity.Stage.PROSPECTING));
        persist(em, new Contract(northwind, "C-2026-001", Contract.Status.OPEN, new BigDecimal("40000.00"), LocalDate.of(2027, 3, 31)));
        persist(em, new Activity(northwind, nancy, alice, Activity.Kind.CALL, "Renewal terms", days(2), false));
        persist(em, new Activity(northwind, nancy, alice, Activity.Kind.MEETING, "Quarterly review", days(-30), true));
        persist(em, new Activity(northwind, null, alice, Activity.Kind.TASK, "Send price list", days(1), false));
        persist(em, new Activity(northwind, null, bob, Activity.Kind.EMAIL, "Introduce support team", days(-3), true));

        Customer contoso = persist(em, new Customer(TENANT, "Contoso Ltd", "Manufacturing", bob, days(-200)));
        Contact kim = persist(em, new Contact(contoso, "Kim Abercrombie", "kim@contoso.example"));
        persist(em, new Contact(contoso, "Dan Park", "dan@contoso.example"));
        persist(em, new Opportunity(contoso, "Pilot project", new BigDecimal("8000.00"), Opportunity.Stage.WON));
        persist(em, new Contract(contoso, "C-2025-014", Contract.Status.CLOSED, new BigDecimal("8000.00"), LocalDate.of(2026, 6, 30)));
        persist(em, new Activity(contoso, kim, bob, Activity.Kind.CALL, "Pilot feedback", days(-10), true));
        persist(em, new Activity(contoso, null, bob, Activity.Kind.TASK, "Propose rollout", days(5), false));

        Customer globex = persist(em, new Customer(TENANT, "Globex", "Energy", alice, days(-20)));
        persist(em, new Contact(globex, "Hank Scorpio", "hank@globex.example"));
        persist(em, new Activity(globex, null, alice, Activity.Kind.EMAIL, "First contact", days(-19), true));

        persist(em, new Customer(TENANT, "Initech", null, bob, days(-5)));
    }

    private static <T> T persist(EntityManager em, T entity) {
        em.persist(entity);
        return entity;
    }

    private static Instant days(int offset) {
        return NOW.plus(offset, ChronoUnit.DAYS);
    }
}
