package archfixture.broken.core;

/** Breaks "core knows no JPA". */
public class UsesJpa {
    public void flush(jakarta.persistence.EntityManager em) {
        em.flush();
    }
}
