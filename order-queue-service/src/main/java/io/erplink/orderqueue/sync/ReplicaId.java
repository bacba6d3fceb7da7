package io.erplink.orderqueue.sync;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/** Who this replica is, as written into leases and attempts: host, process and a random suffix. */
@ApplicationScoped
public class ReplicaId {
    private final String id;

    ReplicaId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        this.id = host + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
