/**
 * The operator APIs' shared wire contract (batch-, mapping-, order-queue- and live-service): errors
 * as RFC 9457 problem details ({@link io.erplink.protocol.api.Problem}) and one page of a list
 * ({@link io.erplink.protocol.api.PageOf}). service-kit answers with them; the operator console
 * reads them.
 */
package io.erplink.protocol.api;
