package dev.datalifecycle.api;

import java.util.Objects;
import java.util.Set;

/**
 * Who acts: a user, the tenant the user acts in, and the user's roles. Every operation takes one; the
 * engine restricts every query to the actor's tenant, and the authorizer decides from the roles.
 *
 * <pre>{@code
 * Actor alice = Actor.of("alice", "tenant-1", Set.of("sales"));
 * }</pre>
 *
 * @param userId   the acting user's id, never blank
 * @param tenantId the tenant the user acts in, or {@code null} in a model without tenants
 * @param roles    the user's roles, unmodifiable
 */
public record Actor(String userId, String tenantId, Set<String> roles) {

    /**
     * @throws InvalidRequestException when the user id is blank or the tenant id is empty
     */
    public Actor {
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new InvalidRequestException("An actor needs a user id");
        }
        if (tenantId != null && tenantId.isBlank()) {
            throw new InvalidRequestException("Actor '" + userId + "' has a blank tenant id: use null for no tenant");
        }
        roles = Set.copyOf(roles);
    }

    /** An actor in a tenant with roles. */
    public static Actor of(String userId, String tenantId, Set<String> roles) {
        return new Actor(userId, tenantId, roles);
    }

    /** An actor in a model without tenants. */
    public static Actor of(String userId, Set<String> roles) {
        return new Actor(userId, null, roles);
    }
}
