package io.erplink.live.pricing;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON of the prices endpoint. */
public final class PriceDtos {
    private PriceDtos() {}

    @Schema(description = "A price and stock lookup for the caller's customer (or anonymous)")
    public record PriceRequest(
            @Schema(
                    description =
                            "Must be the caller's own customer when given (else 403); normally implicit from the credentials")
            String customerId,

            @Schema(description = "Currency code, default erplink.live.prices.default-currency", example = "EUR")
            @Pattern(regexp = "[A-Za-z]{3}", message = "must be a three-letter code")
            String currency,

            @Schema(description = "Products to price", required = true)
            @NotEmpty(message = "must name at least one product")
            List<@NotNull @Valid PriceItemRequest> items) {}

    @Schema(description = "One product")
    public record PriceItemRequest(
            @Schema(required = true, example = "10001") @NotBlank
            String productId,

            @Schema(description = "Variant id, empty for the master product")
            String variantId,

            @Schema(description = "Unit of measure, e.g. PCS or BOX; empty for the default unit")
            String unitId,

            @Schema(description = "Quantity (default 1); prices follow the ERP's quantity breaks") @Positive
            BigDecimal quantity) {}

    @Schema(description = "Prices in the order of the request's items")
    public record PriceResponse(
            @Schema(description = "The customer the prices are for, null when anonymous")
            String customerId,

            @Schema(description = "False when some answers come from a fallback because the ERP is unavailable")
            boolean live,

            List<PriceItem> items) {}

    @Schema(description = "Price and stock of one item and where they came from")
    public record PriceItem(
            String productId,
            String variantId,
            String unitId,
            BigDecimal quantity,
            @Schema(description = "Currency of the price") String currency,

            @Schema(description = "Unit price; null when unavailable")
            BigDecimal price,

            @Schema(description = "Stock in the unit; null when unknown")
            BigDecimal stock,

            @Schema(
                    description =
                            "erp (answered by the ERP for this request), cache (an earlier ERP answer), catalog (the imported commerce DB); null when unavailable",
                    enumeration = {"erp", "cache", "catalog"})
            String source,

            @Schema(description = "Seconds since the ERP gave this answer; null for catalog prices")
            Long ageSeconds,

            @Schema(description = "True when the answer is older than the cache TTL or comes from the catalog")
            boolean stale,

            @Schema(description = "False when the ERP does not know the product, or no price could be found")
            boolean available) {}
}
