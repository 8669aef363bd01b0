package vn.thanhhoa.cds.query.rebuild;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The read tables a rebuild works on (PostgreSQL): the live ones copied empty, with their structure and index names,
 * into {@code <schema>_rebuild}; and at the switch the live ones moved aside to {@code <schema>_previous} (kept until
 * the next rebuild) and the rebuilt ones put in their place. Only the schemas: what fills the copies is the
 * {@link Fold}'s, and the switch runs inside the processors' take-over ({@link ProcessorTakeover}).
 */
@Component
class RebuildTables {
    private final JdbcClient jdbc;

    RebuildTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The schema the platform's read tables are in now. */
    String liveSchema() {
        return jdbc.sql("select current_schema()").query(String.class).single();
    }

    /** A fresh schema with each read table's structure, keys, defaults, identities and index names. */
    List<String> copyTables(String live, String rebuild) {
        List<String> tables = readTables(live);
        jdbc.sql("drop schema if exists " + rebuild + " cascade").update();
        jdbc.sql("create schema " + rebuild).update();
        for (String table : tables) {
            jdbc.sql("create table " + rebuild + "." + table + " (like " + live + "." + table + " including all)").update();
        }
        // the copies' indexes get generated names: give each the name of the live index of the same definition, so
        // that later migrations (which name indexes) find them after the switch
        List<Map<String, Object>> indexes = jdbc.sql("""
                        select schemaname, indexname, tablename, indexdef from pg_indexes
                        where schemaname in (:schemas) and tablename like 'q\\_%'""")
                .param("schemas", List.of(live, rebuild)).query().listOfRows();
        for (Map<String, Object> copy : indexes) {
            if (!rebuild.equals(copy.get("schemaname"))) {
                continue;
            }
            String definition = shape((String) copy.get("indexdef"), (String) copy.get("indexname"), rebuild);
            indexes.stream().filter(original -> live.equals(original.get("schemaname"))
                            && original.get("tablename").equals(copy.get("tablename"))
                            && shape((String) original.get("indexdef"), (String) original.get("indexname"), live).equals(definition))
                    .findFirst()
                    .filter(original -> !original.get("indexname").equals(copy.get("indexname")))
                    .ifPresent(original -> jdbc.sql("alter index " + rebuild + "." + copy.get("indexname") + " rename to "
                            + original.get("indexname")).update());
        }
        return tables;
    }

    /** The read tables of a schema (every {@code q_} table), by name. */
    List<String> readTables(String schema) {
        return jdbc.sql("select tablename from pg_tables where schemaname = :schema and tablename like 'q\\_%' order by tablename")
                .param("schema", schema).query(String.class).list();
    }

    /** An index's definition without its name and schema, to find the live index a copy's stands for. */
    private static String shape(String definition, String name, String schema) {
        return definition.replace(" " + name + " ", " ? ").replace(" " + schema + ".", " ");
    }

    /**
     * The live tables step aside, the rebuilt ones take their place. Run in the transaction in which the processors
     * take over where the rebuild stopped, so that they never run on the one with the other's tokens.
     */
    void switchOver(String live, String rebuild, String previous, List<String> tables) {
        jdbc.sql("drop schema if exists " + previous + " cascade").update();
        jdbc.sql("create schema " + previous).update();
        for (String table : tables) {
            jdbc.sql("alter table " + live + "." + table + " set schema " + previous).update();
            jdbc.sql("alter table " + rebuild + "." + table + " set schema " + live).update();
        }
        jdbc.sql("drop schema " + rebuild).update();
    }
}
