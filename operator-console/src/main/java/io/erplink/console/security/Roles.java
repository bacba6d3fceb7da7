package io.erplink.console.security;

/**
 * The console's two roles: operators read, admins also act. Named apart from the identity provider's roles, so
 * only {@link RoleMapping} grants them.
 */
public final class Roles {
    public static final String OPERATOR = "console-operator";
    public static final String ADMIN = "console-admin";

    private Roles() {}
}
