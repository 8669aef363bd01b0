package vn.thanhhoa.cds.bench;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Plain JDBC to the benchmark's database (trust auth on 127.0.0.1 as the scripts set it up). */
final class Db {
    private Db() {
    }

    static Connection connect(String url) throws SQLException {
        String user = System.getenv().getOrDefault("CDS_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("CDS_DB_PASSWORD", "");
        Connection connection = DriverManager.getConnection(url, user, password);
        connection.setAutoCommit(false);
        return connection;
    }

    /** The same connection, whose close() does nothing: Axon's storage engine closes what it is given after each append. */
    static Connection nonClosing(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Db.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static String text(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
