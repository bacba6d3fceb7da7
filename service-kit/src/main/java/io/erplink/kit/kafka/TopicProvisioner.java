package io.erplink.kit.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

import io.erplink.protocol.events.Topics;

/**
 * Creates the suite's topics that do not exist yet, once at startup and off the startup thread, so a
 * service neither waits for nor fails on a Kafka that is down (its clients retry anyway). Replicas that
 * start together race harmlessly: a topic another one just created counts as there. Failures (no
 * permission, timeout) are logged with the names to create by hand.
 */
@ApplicationScoped
public class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final TopicsConfig config;
    private final Map<String, Object> kafka;
    private final String prefix;

    TopicProvisioner(
            TopicsConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "erplink.topic-prefix") Optional<String> prefix) {
        this.config = config;
        this.kafka = kafka;
        this.prefix = prefix.orElse("");
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.create()) {
            return;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        ensure(prefix);
                    } catch (RuntimeException e) {
                        LOG.warnf("could not create the topics: %s", e.getMessage());
                    }
                },
                "erplink-topics");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Creates the missing topics of {@link Topics#ALL} under {@code prefix}.
     *
     * @return the topics created by this call
     */
    public List<String> ensure(String prefix) {
        List<String> wanted = Topics.ALL.stream()
                .map(topic -> Topics.withPrefix(prefix, topic))
                .toList();
        long timeoutMillis = config.timeout().toMillis();
        try (Admin admin = Admin.create(adminConfig())) {
            Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = wanted.stream()
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, Optional.of(config.partitions()), config.replicationFactor()))
                    .toList();
            if (missing.isEmpty()) {
                return List.of();
            }
            CreateTopicsResult result = admin.createTopics(missing);
            List<String> created = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (NewTopic topic : missing) {
                try {
                    result.values().get(topic.name()).get(timeoutMillis, TimeUnit.MILLISECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        failed.add(topic.name() + " (" + e.getCause().getMessage() + ")");
                    }
                } catch (TimeoutException e) {
                    failed.add(topic.name() + " (no answer within " + config.timeout() + ")");
                }
            }
            if (!created.isEmpty()) {
                LOG.infof("created topics %s with %d partitions", created, config.partitions());
            }
            if (!failed.isEmpty()) {
                LOG.warnf(
                        "could not create topics %s: create them, or let the broker create them"
                                + " (erplink.kafka.topics.create=false silences this)",
                        failed);
            }
            return created;
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "listing topics failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "Kafka did not list its topics within " + config.timeout() + "; not checked: " + wanted, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The service's own Kafka connection settings (bootstrap servers, security), minus client-type keys. */
    private Map<String, Object> adminConfig() {
        Map<String, Object> admin = new HashMap<>(kafka);
        admin.keySet().removeIf(key -> key.startsWith("key.") || key.startsWith("value.") || key.startsWith("group."));
        admin.putIfAbsent("client.id", "erplink-topics");
        return admin;
    }
}
