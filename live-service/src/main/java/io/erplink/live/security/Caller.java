package io.erplink.live.security;

import jakarta.ws.rs.ForbiddenException;

/**
 * Who a storefront request acts for, resolved from its credentials.
 *
 * @param customerId the ERP customer, null for an anonymous visitor
 * @param erpKey     what is sent to the ERP as ExternalUserID: the customer, or the anonymous key
 * @param clientId   the storefront client (API key client, JWT issuer/azp), or null
 * @param priceGroup the customer's price group when the credentials name one, else null
 */
public record Caller(String customerId, String erpKey, String clientId, String priceGroup) {

    public boolean anonymous() {
        return customerId == null;
    }

    /**
     * Checks that a customer named in a request is the caller's own customer.
     *
     * @throws ForbiddenException when it names another customer (or any customer while anonymous)
     */
    public void requireSameCustomer(String requested) {
        if (requested != null && !requested.isBlank() && !requested.strip().equals(customerId)) {
            throw new ForbiddenException("the credentials do not allow acting for customer " + requested.strip());
        }
    }

    /** Throws 403 unless a customer is known. */
    public void requireCustomer() {
        if (anonymous()) {
            throw new ForbiddenException("this needs a signed-in customer");
        }
    }

    /** Whether the caller may see something owned by this customer or, for anonymous things, this client. */
    public boolean owns(String ownerCustomer, String ownerClient) {
        if (ownerCustomer != null) {
            return ownerCustomer.equals(customerId);
        }
        return anonymous() && clientId != null && clientId.equals(ownerClient);
    }
}
