package io.he4j.server.auth;

/** An institution that holds API tokens; {@code id} is the database key every owned row refers to. */
public record Tenant(long id, String name, Role role) {
}
