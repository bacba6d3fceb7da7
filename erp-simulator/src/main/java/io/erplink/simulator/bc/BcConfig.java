package io.erplink.simulator.bc;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Business Central OData v4 simulator ({@code erplink.simulator.bc.*}, env {@code ERPLINK_SIMULATOR_BC_*}). */
@ConfigMapping(prefix = "erplink.simulator.bc")
public interface BcConfig {

    /**
     * Company names that exist (a comma inside a name is written {@code \,}). Every company shows the
     * same data. The second default has the characters that need escaping in a company path.
     */
    @WithDefault("CRONUS USA\\, Inc.,O'Brien & Sons\\, 100% / Café")
    List<String> companies();

    /** Generated items (DynamicwebItemCard); variants, units, translations, stock and prices follow from it. */
    @WithDefault("200")
    long items();

    /** Generated customers (DynamicwebCustomerCard); contacts, addresses follow from it. */
    @WithDefault("100")
    long customers();

    /** Generated sales orders (DynamicwebSalesOrder), three lines each. */
    @WithDefault("20")
    long salesOrders();

    /** Rows per page when the request has no {@code Prefer: odata.maxpagesize}. */
    @WithDefault("1000")
    int pageSize();

    /** Largest page a {@code Prefer: odata.maxpagesize} gets (BC: 20,000). */
    @WithDefault("20000")
    int maxPageSize();

    /** OAuth 2.0 client id accepted by the token endpoint. */
    @WithDefault("erplink-bc-simulator")
    String clientId();

    /** OAuth 2.0 client secret (and Basic password); defaults to {@code erplink.simulator.secret}. */
    Optional<String> clientSecret();

    /** Lifetime of an issued access token ({@code expires_in}). */
    @WithDefault("1h")
    Duration tokenLifetime();

    /** Also accept Basic authentication (BC on-premises): user {@link #basicUser()}, password the client secret. */
    @WithDefault("false")
    boolean basicAuth();

    /** The Basic user name. */
    @WithDefault("ERPLINK")
    String basicUser();
}
