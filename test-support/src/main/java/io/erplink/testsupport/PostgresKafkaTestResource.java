package io.erplink.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.Driver;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import io.erplink.infra.LocalInfra;
import io.erplink.infra.PostgresServer;

/**
 * Real PostgreSQL and a real Kafka broker for {@code @QuarkusTest}:
 * {@code @QuarkusTestResource(PostgresKafkaTestResource.class)}.
 *
 * <p>One {@link LocalInfra} per test JVM, started lazily by the first test that needs it and stopped
 * when the JVM exits (its processes never outlive the JVM, even on kill -9). Every start of the
 * resource (Quarkus starts it once per distinct set of test resources) gets a fresh, empty database,
 * so Flyway migrates from scratch and test classes don't see each other's rows. Kafka is shared: use
 * unique keys, topic prefixes ({@code erplink.topic-prefix}) or consumer groups where it matters.
 *
 * <p>Quarkus loads test resources and test classes through several class loaders; the shared state
 * therefore lives in JVM-wide system properties ({@code io.erplink.testsupport.*}), so the static
 * accessors below answer the same from anywhere.
 */
public class PostgresKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "io.erplink.testsupport.";
    /**
     * String literals are interned JVM-wide, so this one object is the same under every class loader:
     * the lock around the one-per-JVM start. (System properties must hold strings only; Narayana,
     * for one, breaks on anything else.)
     */
    private static final String LOCK = "io.erplink.testsupport.infra-start-lock";

    private static final String POSTGRES_PORT = PREFIX + "postgres-port";
    private static final String BOOTSTRAP = PREFIX + "kafka-bootstrap";
    private static final String DATABASE = PREFIX + "database";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Map<String, String> start() {
        int port = Integer.parseInt(sharedInfra().get(POSTGRES_PORT));
        String database = "test_" + HexFormat.of().formatHex(randomBytes(8));
        String jdbcUrl = PostgresServer.createDatabase(port, database);
        System.setProperty(DATABASE, database);
        return Map.of(
                "quarkus.datasource.jdbc.url",
                jdbcUrl,
                "quarkus.datasource.username",
                PostgresServer.USERNAME,
                "quarkus.datasource.password",
                "",
                "kafka.bootstrap.servers",
                bootstrapServers());
    }

    @Override
    public void stop() {
        // The servers live as long as the JVM; the database is dropped with the temporary data directory.
    }

    /** Starts the JVM's LocalInfra unless some class loader did already; returns its coordinates. */
    private static Map<String, String> sharedInfra() {
        synchronized (LOCK) {
            if (System.getProperty(POSTGRES_PORT) == null) {
                LocalInfra infra = LocalInfra.start();
                System.setProperty(BOOTSTRAP, infra.kafka().bootstrapServers());
                System.setProperty(
                        POSTGRES_PORT, Integer.toString(infra.postgres().port()));
            }
            return Map.of(POSTGRES_PORT, System.getProperty(POSTGRES_PORT), BOOTSTRAP, System.getProperty(BOOTSTRAP));
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** The JDBC URL of the database of the most recent start of this resource. */
    public static String jdbcUrl() {
        return PostgresServer.jdbcUrl(Integer.parseInt(required(POSTGRES_PORT)), required(DATABASE));
    }

    /** The name of the database of the most recent start of this resource. */
    public static String database() {
        return required(DATABASE);
    }

    public static String username() {
        return PostgresServer.USERNAME;
    }

    /** Empty: the server trusts local connections. */
    public static String password() {
        return "";
    }

    /** The Kafka bootstrap servers ({@code localhost:port}). */
    public static String bootstrapServers() {
        return required(BOOTSTRAP);
    }

    /** A new JDBC connection to the current test database; close it. */
    public static Connection openConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username());
        return new Driver().connect(jdbcUrl(), properties);
    }

    /** A String consumer in group {@code groupId} reading from the earliest offset; close it. */
    public static KafkaConsumer<String, String> stringConsumer(String groupId) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        groupId,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
    }

    /** A String producer (acks=all); close it. */
    public static KafkaProducer<String, String> stringProducer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("PostgresKafkaTestResource has not started yet in this JVM:"
                    + " annotate the test with @QuarkusTestResource(PostgresKafkaTestResource.class)");
        }
        return value;
    }
}
