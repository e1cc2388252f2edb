package dev.datalifecycle.jpa.discovery;

import org.hibernate.context.spi.CurrentTenantIdentifierResolver;

/** Every session of the discovery tests acts in tenant t1. */
public class FixedTenant implements CurrentTenantIdentifierResolver<String> {

    @Override
    public String resolveCurrentTenantIdentifier() {
        return "t1";
    }

    @Override
    public boolean validateExistingCurrentSessions() {
        return false;
    }
}
