package io.erplink.simulator.bc.odata;

/**
 * An answer in BC's error shape, {@code {"error":{"code":"...","message":"..."}}}, with BC's codes
 * ({@code BadRequest}, {@code BadRequest_NotFound}, {@code Request_EntityChanged}, ...).
 */
public final class BcError extends RuntimeException {
    private final int status;
    private final String code;

    public BcError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static BcError badRequest(String message) {
        return new BcError(400, "BadRequest", message);
    }

    public static BcError notFound(String message) {
        return new BcError(404, "BadRequest_NotFound", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
