using System.Text;
using Respawn;
using Respawn.Graph;

namespace Controls.Testing.Database;

/// <summary>
/// Respawn 6.2.1 ships no SQLite adapter. Tables come from sqlite_master, foreign keys from
/// pragma_foreign_key_list, and Respawn's graph orders the DELETEs children-first. Respawn runs the DELETEs in
/// one transaction, where <c>PRAGMA foreign_keys</c> is a no-op; <c>PRAGMA defer_foreign_keys</c> is honoured
/// inside a transaction and covers tables in a cycle, whose order no graph can fix.
/// </summary>
public sealed class SqliteDbAdapter : IDbAdapter
{
    private const char Quote = '"';

    public string BuildTableCommandText(RespawnerOptions options)
    {
        var sql = new StringBuilder("SELECT NULL, name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        if (options.TablesToIgnore.Length > 0)
        {
            sql.Append(" AND name NOT IN (").Append(string.Join(", ", options.TablesToIgnore.Select(t => Literal(t.Name)))).Append(')');
        }

        if (options.TablesToInclude.Length > 0)
        {
            sql.Append(" AND name IN (").Append(string.Join(", ", options.TablesToInclude.Select(t => Literal(t.Name)))).Append(')');
        }

        return sql.ToString();
    }

    // SQLite has no temporal tables.
    public string BuildTemporalTableCommandText(RespawnerOptions options) => throw new NotSupportedException("SQLite has no temporal tables.");

    /// <summary>Rows: referencing (schema, table), referenced (schema, table), constraint name (synthesised: SQLite FKs are unnamed).</summary>
    public string BuildRelationshipCommandText(RespawnerOptions options) =>
        """
        SELECT DISTINCT NULL, m.name, NULL, fk."table", 'fk_' || m.name || '_' || fk.id
        FROM sqlite_master AS m
        JOIN pragma_foreign_key_list(m.name) AS fk
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
        """;

    public string BuildDeleteCommandText(GraphBuilder builder)
    {
        // ToDelete lists every table, children before parents; tables in a cycle rely on the deferred checks.
        var sql = new StringBuilder("PRAGMA defer_foreign_keys = ON;\n");
        foreach (var table in builder.ToDelete)
        {
            sql.Append("DELETE FROM ").Append(table.GetFullName(Quote)).Append(";\n");
        }

        return sql.ToString();
    }

    /// <summary>Restarts AUTOINCREMENT counters (EF Core's SQLite keys use AUTOINCREMENT, so sqlite_sequence exists).</summary>
    public string BuildReseedSql(IEnumerable<Table> tablesToDelete) =>
        $"DELETE FROM sqlite_sequence WHERE name IN ({string.Join(", ", tablesToDelete.Select(t => Literal(t.Name)))});";

    public string BuildTurnOffSystemVersioningCommandText(IEnumerable<TemporalTable> tablesToTurnOffSystemVersioning) => throw new NotSupportedException("SQLite has no temporal tables.");

    public string BuildTurnOnSystemVersioningCommandText(IEnumerable<TemporalTable> tablesToTurnOnSystemVersioning) => throw new NotSupportedException("SQLite has no temporal tables.");

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
