package archfixture.clean.jpa;

/** JPA module: may use JPA and core's public API. */
public class Adapter {
    public String run(jakarta.persistence.EntityManager em, archfixture.clean.api.Thing thing) {
        em.flush();
        return new archfixture.clean.core.Engine().run(thing);
    }
}
