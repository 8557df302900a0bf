import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs an embedded Neo4j Community DBMS with a plain-text Bolt connector on 127.0.0.1.
 *
 * <pre>java -cp 'lib/*' Launcher.java STORE_DIR PORT [--watch-stdin] [--ephemeral]</pre>
 *
 * Auth is off unless the environment variable NEO4J_LAUNCHER_PASSWORD is set (then user "neo4j"
 * gets that password, at least 8 characters). Prints "NEO4J_READY bolt://127.0.0.1:PORT" once the
 * default database is available, then runs until SIGTERM/SIGINT or, with --watch-stdin, until
 * standard input reaches EOF (so the server dies with the process holding the other end of the
 * pipe). --ephemeral deletes STORE_DIR after shutdown.
 */
public final class Launcher {
    private static final String HOST = "127.0.0.1";

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            // Neo4j's own threads would keep a failed JVM alive: exit, running the shutdown hook.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println(
                    "usage: Launcher STORE_DIR PORT [--watch-stdin] [--ephemeral]"
                            + " [--pagecache-mib N]");
            System.exit(2);
        }
        Path store = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        boolean watchStdin = false;
        boolean ephemeral = false;
        long pagecacheMib = 256;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--watch-stdin" -> watchStdin = true;
                case "--ephemeral" -> ephemeral = true;
                case "--pagecache-mib" -> pagecacheMib = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("unknown option: " + args[i]);
                    System.exit(2);
                }
            }
        }
        String password = System.getenv("NEO4J_LAUNCHER_PASSWORD");
        boolean auth = password != null && !password.isEmpty();

        SocketAddress bolt = new SocketAddress(HOST, port);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(store)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecacheMib))
                .setConfig(
                        GraphDatabaseSettings.memory_transaction_global_max_size,
                        ByteUnit.gibiBytes(1))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Default 5 s, spent twice (two Bolt event loop groups) on every shutdown.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();
        boolean deleteStore = ephemeral;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            if (deleteStore) {
                deleteTree(store);
            }
        }, "neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        while (!db.isAvailable()) {
            Thread.sleep(100);
        }
        if (auth) {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        }
        System.out.println("NEO4J_READY bolt://" + HOST + ":" + port);
        System.out.flush();

        if (watchStdin) {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // Discard input; only EOF matters.
            }
            System.exit(0);
        }
        Thread.currentThread().join();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
