package io.erplink.simulator.bc.data;

import java.util.List;

import io.erplink.simulator.bc.model.EnumType;

/** The option (enum) types of the pages' fields, with BC's captions. */
final class BcOptions {
    private BcOptions() {}

    static final EnumType CONTACT_TYPE = new EnumType("ContactType", List.of("Company", "Person"));
    static final EnumType CUSTOMER_BLOCKED = new EnumType("CustomerBlocked", List.of("", "Ship", "Invoice", "All"));
    static final EnumType ITEM_TYPE = new EnumType("ItemType", List.of("Inventory", "Service", "Non-Inventory"));
    static final EnumType RESOURCE_TYPE = new EnumType("ResourceType", List.of("Person", "Machine"));
    static final EnumType BOM_TYPE = new EnumType("BOMComponentType", List.of("", "Item", "Resource"));
    static final EnumType DOCUMENT_TYPE = new EnumType(
            "SalesDocumentType", List.of("Quote", "Order", "Invoice", "Credit Memo", "Blanket Order", "Return Order"));
    static final EnumType LINE_TYPE = new EnumType(
            "SalesLineType", List.of("", "G/L Account", "Item", "Resource", "Fixed Asset", "Charge (Item)"));
    static final EnumType SALES_TYPE =
            new EnumType("SalesPriceType", List.of("Customer", "Customer Price Group", "All Customers", "Campaign"));
    static final EnumType DISCOUNT_SALES_TYPE = new EnumType(
            "SalesLineDiscountSalesType", List.of("Customer", "Customer Disc. Group", "All Customers", "Campaign"));
    static final EnumType DISCOUNT_TYPE = new EnumType("SalesLineDiscountType", List.of("Item", "Item Disc. Group"));
    static final EnumType AMOUNT_TYPE =
            new EnumType("PriceAmountType", List.of("Price & Discount", "Price", "Discount"));
    static final EnumType SOURCE_TYPE = new EnumType(
            "PriceSourceType", List.of("All Customers", "Customer", "Customer Price Group", "Customer Disc. Group"));
    static final EnumType PRICE_LIST_STATUS = new EnumType("PriceListStatus", List.of("Draft", "Active", "Inactive"));
    static final EnumType SHIPPING_OPTIONS = new EnumType(
            "SalesShippingOptions",
            List.of("Default (Sell-to Address)", "Alternate Shipping Address", "Custom Address"));
    static final EnumType BILL_TO_OPTIONS =
            new EnumType("SalesBillToOptions", List.of("Default (Customer)", "Another Customer", "Custom Address"));
    static final EnumType ORDER_STATUS =
            new EnumType("SalesDocumentStatus", List.of("Open", "Released", "Pending Approval", "Pending Prepayment"));
}
