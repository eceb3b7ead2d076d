package io.he4j.server.auth;

import java.util.Locale;

/** What a tenant may do: clients use models and their own key sets; admins may also administer. */
public enum Role {
    ADMIN, CLIENT;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role ofDbName(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
