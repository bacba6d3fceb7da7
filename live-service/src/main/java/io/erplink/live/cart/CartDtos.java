package io.erplink.live.cart;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON of cart calculation (and of order placement, which sends the same cart). */
public final class CartDtos {
    private CartDtos() {}

    @Schema(description = "A cart (or an order to place)")
    public record Cart(
            @Schema(
                    description =
                            "The shop's OrderID; required to place an order (the idempotency key), optional for a cart")
            String orderId,

            @Schema(description = "Must be the caller's own customer when given (else 403)")
            String customerId,

            @Schema(description = "Shop id for the order queue; default erplink.live.shop-id")
            String shopId,

            @Schema(example = "EUR") String currency,
            String paymentMethod,
            String shippingMethod,
            @Schema(description = "Billing address") Address customer,
            @Schema(description = "Delivery address") Address delivery,
            @Schema(required = true) List<Line> lines) {}

    @Schema(description = "An address")
    public record Address(
            String name,
            String address,
            String address2,
            String city,
            String zip,
            String countryCode,
            String email,
            String phone,
            String fax) {}

    @Schema(description = "A product line")
    public record Line(
            @Schema(description = "Line id, unique in the cart; default L1, L2, ...")
            String lineId,

            @Schema(required = true, example = "10001") String productId,
            String variantId,
            String unitId,
            @Schema(required = true, example = "2") BigDecimal quantity) {}

    @Schema(description = "The cart as the ERP calculated it")
    public record CalculatedCart(
            String orderId,
            String currency,

            @Schema(description = "Product lines (type 0), each with its product discounts (type 3)")
            List<CalculatedLine> lines,

            @Schema(description = "Order discounts (type 1)")
            List<Amounts> orderDiscounts,

            Totals totals) {}

    @Schema(description = "A product line with its discounts")
    public record CalculatedLine(
            String lineId,
            String productId,
            String productNumber,
            String productName,
            String variantId,
            BigDecimal quantity,
            Amounts amounts,
            List<Amounts> discounts) {}

    @Schema(description = "Amounts of a line or discount as the ERP computed them")
    public record Amounts(
            String lineId,
            String name,
            BigDecimal unitPriceWithoutVat,
            BigDecimal unitPriceWithVat,
            BigDecimal priceWithoutVat,
            BigDecimal priceWithVat,
            BigDecimal vat,
            BigDecimal vatPercent) {}

    @Schema(description = "Order totals as the ERP computed them")
    public record Totals(
            BigDecimal priceWithoutVat,
            BigDecimal priceWithVat,
            BigDecimal vat,
            BigDecimal salesDiscount,
            BigDecimal shippingFee,
            BigDecimal shippingFeeWithVat) {}
}
