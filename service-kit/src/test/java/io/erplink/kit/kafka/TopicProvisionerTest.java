package io.erplink.kit.kafka;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import io.erplink.protocol.events.Topics;
import io.erplink.testsupport.PostgresKafkaTestResource;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(PostgresKafkaTestResource.class)
class TopicProvisionerTest {

    @Inject
    TopicProvisioner provisioner;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void createsEveryMissingTopicWithTheConfiguredPartitionsOnce() throws Exception {
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        List<String> expected = Topics.ALL.stream().map(topic -> prefix + topic).toList();

        assertEquals(expected, provisioner.ensure(prefix));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(expected).allTopicNames().get(30, TimeUnit.SECONDS);
            for (String name : expected) {
                // 2 from the test configuration; the test broker would create 3 on its own
                assertEquals(2, topics.get(name).partitions().size(), name);
            }
        }
        assertEquals(List.of(), provisioner.ensure(prefix), "a second start creates nothing");
    }
}
