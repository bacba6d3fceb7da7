package io.erplink.live.cart;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;

import io.erplink.live.LiveConfig;
import io.erplink.live.cart.CartDtos.Address;
import io.erplink.live.cart.CartDtos.Amounts;
import io.erplink.live.cart.CartDtos.CalculatedCart;
import io.erplink.live.cart.CartDtos.CalculatedLine;
import io.erplink.live.cart.CartDtos.Cart;
import io.erplink.live.cart.CartDtos.Line;
import io.erplink.live.cart.CartDtos.Totals;
import io.erplink.live.security.Caller;
import io.erplink.protocol.CaseInsensitive;
import io.erplink.protocol.requests.CalculateOrder;
import io.erplink.protocol.requests.CalculateOrderResult;

/** Cart JSON to the CalculateOrder request of seed 002, and the ERP's answer back to JSON. */
@ApplicationScoped
public class CalculateOrderMapper {
    /** OrderDate as in seed 002: {@code 03/03/2017 09:49:36} (UTC). */
    private static final DateTimeFormatter ORDER_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss", Locale.ROOT);

    private static final int MAX_LINES = 500;

    private final String defaultCurrency;

    CalculateOrderMapper(LiveConfig config) {
        this.defaultCurrency = config.prices().defaultCurrency();
    }

    /** Validates a cart; throws 400 for what the ERP need not see. */
    public void validate(Cart cart) {
        if (cart == null) {
            throw new BadRequestException("a JSON body is required");
        }
        if (cart.lines() == null || cart.lines().isEmpty()) {
            throw new BadRequestException("lines must hold at least one product line");
        }
        if (cart.lines().size() > MAX_LINES) {
            throw new BadRequestException("at most " + MAX_LINES + " lines");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < cart.lines().size(); i++) {
            Line line = cart.lines().get(i);
            if (line == null || line.productId() == null || line.productId().isBlank()) {
                throw new BadRequestException("line " + (i + 1) + " has no productId");
            }
            if (line.quantity() == null || line.quantity().signum() <= 0) {
                throw new BadRequestException("line " + (i + 1) + " needs a positive quantity");
            }
            if (!ids.add(lineId(line, i))) {
                throw new BadRequestException("line id " + lineId(line, i) + " occurs twice");
            }
        }
        if (cart.currency() != null
                && !cart.currency().isBlank()
                && !cart.currency().strip().matches("[A-Za-z]{3}")) {
            throw new BadRequestException("currency must be a three-letter code");
        }
    }

    /** The request for the ERP. */
    public CalculateOrder toRequest(Caller caller, Cart cart, String orderId, boolean create, ZonedDateTime at) {
        Map<String, String> order = new LinkedHashMap<>();
        order.put(CalculateOrder.CUSTOMER, caller.erpKey());
        order.put(CalculateOrder.CREATE_ORDER, create ? "True" : "False");
        order.put(CalculateOrder.ORDER_ID, orderId);
        order.put("OrderIntegrationOrderID", "");
        order.put(CalculateOrder.CURRENCY, currency(cart));
        order.put("OrderDate", ORDER_DATE.format(at.withZoneSameInstant(ZoneOffset.UTC)));
        order.put("OrderPaymentMethodName", text(cart.paymentMethod()));
        order.put("OrderShippingMethodName", text(cart.shippingMethod()));
        address(order, "OrderCustomer", cart.customer());
        address(order, "OrderDelivery", cart.delivery());
        List<Map<String, String>> lines = new ArrayList<>();
        for (int i = 0; i < cart.lines().size(); i++) {
            Line line = cart.lines().get(i);
            Map<String, String> columns = new LinkedHashMap<>();
            columns.put("OrderLineID", lineId(line, i));
            columns.put("OrderLineProductID", line.productId().strip());
            columns.put("OrderLineProductNumber", line.productId().strip());
            columns.put("OrderLineProductVariantID", text(line.variantId()));
            columns.put(
                    "OrderLineQuantity", line.quantity().stripTrailingZeros().toPlainString());
            if (line.unitId() != null && !line.unitId().isBlank()) {
                columns.put("OrderLineUnitId", line.unitId().strip());
            }
            columns.put("OrderLineType", "0");
            lines.add(columns);
        }
        return new CalculateOrder(order, lines);
    }

    /** The currency of a cart: its own or the default. */
    public String currency(Cart cart) {
        return cart.currency() == null || cart.currency().isBlank()
                ? defaultCurrency
                : cart.currency().strip().toUpperCase(Locale.ROOT);
    }

    /**
     * The ERP's calculation as JSON: product lines (type 0) with their product discounts (type 3,
     * matched by OrderLineProductNumber, else ProductID), order discounts (type 1); other types ignored.
     */
    public CalculatedCart toCart(String orderId, CalculateOrderResult result) {
        List<CalculatedLine> lines = new ArrayList<>();
        Map<String, List<Amounts>> productDiscounts = new LinkedHashMap<>();
        List<Amounts> orderDiscounts = new ArrayList<>();
        List<Map<String, String>> products = new ArrayList<>();
        for (Map<String, String> line : result.lines()) {
            switch (CalculateOrderResult.lineType(line)) {
                case CalculateOrderResult.LINE_PRODUCT -> products.add(line);
                case CalculateOrderResult.LINE_PRODUCT_DISCOUNT ->
                    productDiscounts
                            .computeIfAbsent(productKey(line), k -> new ArrayList<>())
                            .add(amounts(line));
                case CalculateOrderResult.LINE_ORDER_DISCOUNT -> orderDiscounts.add(amounts(line));
                default -> {
                    // other line types are ignored (seed 002)
                }
            }
        }
        Set<String> attached = new HashSet<>();
        for (Map<String, String> line : products) {
            String key = productKey(line);
            List<Amounts> discounts = attached.add(key) ? productDiscounts.getOrDefault(key, List.of()) : List.of();
            lines.add(new CalculatedLine(
                    get(line, "OrderLineID"),
                    get(line, "OrderLineProductID"),
                    get(line, "OrderLineProductNumber"),
                    get(line, "OrderLineProductName"),
                    get(line, "OrderLineProductVariantID"),
                    number(get(line, "OrderLineQuantity")),
                    amounts(line),
                    discounts));
        }
        Totals totals = new Totals(
                number(result.get("OrderPriceWithoutVAT")),
                number(result.get("OrderPriceWithVAT")),
                number(result.get("OrderPriceVAT")),
                number(result.get("OrderSalesDiscount")),
                number(result.get("OrderShippingFee")),
                number(result.get("OrderShippingFeeWithVat")));
        String currency = result.get("OrderCurrencyCode");
        return new CalculatedCart(orderId, currency, lines, orderDiscounts, totals);
    }

    private static String productKey(Map<String, String> line) {
        String number = get(line, "OrderLineProductNumber");
        if (number == null || number.isBlank()) {
            number = get(line, "OrderLineProductID");
        }
        return (number == null ? "" : number.strip())
                + '\u0000'
                + text(get(line, "OrderLineProductVariantID")).strip();
    }

    private static Amounts amounts(Map<String, String> line) {
        String name = get(line, "OrderLineProductName");
        return new Amounts(
                get(line, "OrderLineID"),
                name,
                number(get(line, "OrderLineUnitPriceWithoutVAT")),
                number(get(line, "OrderLineUnitPriceWithVAT")),
                number(get(line, "OrderLinePriceWithoutVAT")),
                number(get(line, "OrderLinePriceWithVAT")),
                number(get(line, "OrderLinePriceVAT")),
                number(get(line, "OrderLinePriceVATPercent")));
    }

    private static void address(Map<String, String> order, String prefix, Address address) {
        Address a = address == null ? new Address(null, null, null, null, null, null, null, null, null) : address;
        order.put(prefix + "Name", text(a.name()));
        order.put(prefix + "Address", text(a.address()));
        order.put(prefix + "Address2", text(a.address2()));
        order.put(prefix + "City", text(a.city()));
        order.put(prefix + "CountryCode", text(a.countryCode()));
        order.put(prefix + "Email", text(a.email()));
        order.put(prefix + "Fax", text(a.fax()));
        order.put(prefix + "Phone", text(a.phone()));
        order.put(prefix + "Zip", text(a.zip()));
    }

    private static String lineId(Line line, int index) {
        return line.lineId() == null || line.lineId().isBlank()
                ? "L" + (index + 1)
                : line.lineId().strip();
    }

    private static String get(Map<String, String> line, String column) {
        return CaseInsensitive.get(line, column);
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    static BigDecimal number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
