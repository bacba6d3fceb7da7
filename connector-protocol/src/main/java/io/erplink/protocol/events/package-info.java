/**
 * Kafka event records exchanged between the erplink services: the one and only copy of each wire
 * contract. Every event carries an {@code eventId} (consumers record it in a processed-events table
 * with a unique key, in the same transaction as their effect) and a {@code version} (bumped on an
 * incompatible change; consumers reject versions they do not know). Records serialize to JSON with
 * Jackson without annotations; collections are never null.
 *
 * <p>Topics (prefix configurable, see {@link io.erplink.protocol.events.Topics}):
 * <ul>
 *   <li>{@code batch.records}: {@link io.erplink.protocol.events.RecordChunk} and
 *       {@link io.erplink.protocol.events.RunSealed}, key = run id</li>
 *   <li>{@code batch.results}: {@link io.erplink.protocol.events.ChunkResult} and
 *       {@link io.erplink.protocol.events.RunResult}, key = run id</li>
 *   <li>{@code orders.queued}: {@link io.erplink.protocol.events.OrderQueued}, key = shop order id</li>
 *   <li>{@code orders.synced}: {@link io.erplink.protocol.events.OrderSynced}, key = shop order id</li>
 *   <li>{@code erp.status}: {@link io.erplink.protocol.events.ErpStatusChanged}, key = ERP endpoint name</li>
 *   <li>{@code catalog.changed}: {@link io.erplink.protocol.events.CatalogChanged}, key = table</li>
 *   <li>{@code jobs.changed}: {@link io.erplink.protocol.events.JobSourcesChanged}, key = job name</li>
 * </ul>
 */
package io.erplink.protocol.events;
