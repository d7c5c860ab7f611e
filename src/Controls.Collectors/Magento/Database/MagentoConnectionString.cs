using System.Data.Common;
using System.Text.RegularExpressions;
using MySqlConnector;

namespace Controls.Collectors.Magento.Database;

/// <summary>
/// A validated Magento database connection string: the MySqlConnector settings the reader enforces, the Magento table
/// prefix, and a description of the target that is safe for messages (host, port, database; never user secrets).
/// </summary>
/// <remarks>
/// The prefix is a connection-level setting because it belongs to the Magento install (<c>db/table_prefix</c> in its
/// app/etc/env.php), not to this application: <c>Table Prefix=mg_</c> (or <c>TablePrefix</c>) in the connection string.
/// The key is removed before the rest is handed to MySqlConnector, which would reject it.
/// </remarks>
internal sealed partial class MagentoConnectionString
{
    private static readonly string[] PrefixKeys = ["Table Prefix", "TablePrefix"];

    private MagentoConnectionString(MySqlConnectionStringBuilder builder, string tablePrefix)
    {
        Builder = builder;
        TablePrefix = tablePrefix;
        Target = $"{builder.Server}:{builder.Port}/{builder.Database}";
    }

    public MySqlConnectionStringBuilder Builder { get; }

    public string TablePrefix { get; }

    /// <summary>"host:port/database", for messages.</summary>
    public string Target { get; }

    public string? Password => string.IsNullOrEmpty(Builder.Password) ? null : Builder.Password;

    /// <summary>The table's name with the install's prefix, quoted for MySQL.</summary>
    public string Table(string name) => $"`{TablePrefix}{name}`";

    public static MagentoConnectionString Parse(string connectionString, MagentoDatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new MagentoDatabaseException("The Magento database connection string is empty.");
        }

        MySqlConnectionStringBuilder builder;
        var prefix = string.Empty;
        try
        {
            var generic = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in PrefixKeys)
            {
                if (generic.TryGetValue(key, out var value))
                {
                    prefix = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)?.Trim() ?? string.Empty;
                    generic.Remove(key);
                }
            }

            builder = new MySqlConnectionStringBuilder(generic.ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // The parser's own message can quote a fragment of the string (and an unquoted ';' in a password splits it
            // into "keys"), so neither the message nor the exception is passed on.
            throw new MagentoDatabaseException(
                "The Magento database connection string is not valid (an unknown option, a malformed value, or an unquoted ';' inside a value).");
        }

        if (string.IsNullOrWhiteSpace(builder.Server))
        {
            throw new MagentoDatabaseException("The Magento database connection string names no server (Server=…).");
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            throw new MagentoDatabaseException("The Magento database connection string names no database (Database=…).");
        }

        if (string.IsNullOrWhiteSpace(builder.UserID))
        {
            throw new MagentoDatabaseException("The Magento database connection string names no user (User ID=…).");
        }

        // Magento's installer allows letters, digits and underscores; anything else would have to be quoted into SQL.
        if (!PrefixPattern().IsMatch(prefix))
        {
            throw new MagentoDatabaseException("The Magento table prefix may contain only letters, digits and underscores (at most 64).");
        }

        // The collector runs on a schedule; an idle pool would only keep connections open to the store's database, and a
        // fresh connection per session means no session state can be carried over from anywhere.
        builder.Pooling = false;
        builder.ConnectionTimeout = WholeSeconds(options.ConnectTimeout);
        builder.DefaultCommandTimeout = WholeSeconds(options.CommandTimeout);
        builder.AllowLoadLocalInfile = false;
        builder.AllowUserVariables = false;
        builder.PersistSecurityInfo = false;

        // Magento declares columns with DEFAULT 0 on timestamps (integration.updated_at), so zero dates exist in real data.
        builder.AllowZeroDateTime = false;
        builder.ConvertZeroDateTime = true;
        builder.ApplicationName = "Controls (read-only evidence)";

        return new MagentoConnectionString(builder, prefix);
    }

    private static uint WholeSeconds(TimeSpan value) => (uint)Math.Max(1, Math.Ceiling(value.TotalSeconds));

    [GeneratedRegex("^[A-Za-z0-9_]{0,64}$")]
    private static partial Regex PrefixPattern();
}
