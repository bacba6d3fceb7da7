package io.erplink.batch.activities;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The current version of a mapping job as last published on {@code jobs.changed} (the event as JSON). */
@Entity
@Table(name = "job_source")
public class JobSource extends PanacheEntityBase {
    @Id
    public String job;

    @Column(name = "job_version")
    public int jobVersion;

    public String event;

    @Column(name = "received_at")
    public Instant receivedAt;
}
