using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MySqlConnector;

namespace Controls.Testing.MariaDb;

/// <summary>
/// A private MariaDB server for tests: Debian's <c>mariadb-server</c> binaries, its own data directory in a temp
/// directory, <c>mariadbd --no-defaults</c> on 127.0.0.1 and a free port, with real grant tables so users with narrow
/// privileges can be tested. It never touches a system service or /etc/mysql, and it is shut down and deleted on
/// dispose. The data directory is a copy of a pristine one that <c>mariadb-install-db</c> makes once per machine and
/// server build (/tmp/controls-tests/mariadb-template-*): about 5 s for the first start, about 1.5 s after that.
/// Start one per test run (see <see cref="MagentoDatabaseFixture"/>).
/// </summary>
/// <remarks>
/// The server's default time zone is deliberately not UTC (+02:00), so code that forgets to read Magento's TIMESTAMP
/// columns in UTC (as Magento writes them) is off by two hours and fails its tests.
/// Administration goes through <c>root@127.0.0.1</c>, which <c>--auth-root-authentication-method=normal</c> creates
/// without a password; the server listens on loopback only and lives as long as the test run.
/// </remarks>
public sealed class MariaDbServer : IAsyncDisposable
{
    public const string NotInstalledMessage = "mariadb-server is not installed: apt-get install -y mariadb-server";

    private static readonly string[] SearchDirectories = ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/mysql/bin"];

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly EventHandler _onProcessExit;
    private bool _disposed;

    private MariaDbServer(string directory, Process process, StringBuilder output, int port)
    {
        Directory = directory;
        _process = process;
        _output = output;
        Port = port;

        // Should the test host be torn down without disposing its fixtures, the server must not outlive it.
        _onProcessExit = (_, _) => KillQuietly();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    public string Directory { get; }

    public const string Host = "127.0.0.1";

    public int Port { get; }

    public string ServerVersion { get; private set; } = string.Empty;

    /// <summary>Wall time from the first binary lookup to the first accepted connection (data directory included).</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Starts a server; throws <see cref="InvalidOperationException"/> with <see cref="NotInstalledMessage"/> when the binaries are missing.</summary>
    /// <param name="binaryDirectories">Where to look for mariadbd and mariadb-install-db; null: PATH, then the usual sbin/bin directories.</param>
    public static async Task<MariaDbServer> StartAsync(IReadOnlyList<string>? binaryDirectories = null, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var directories = binaryDirectories ?? DefaultBinaryDirectories();
        var mariadbd = FindBinary(directories, "mariadbd", "mysqld") ?? throw new InvalidOperationException(NotInstalledMessage);
        var installDb = FindBinary(directories, "mariadb-install-db", "mysql_install_db") ?? throw new InvalidOperationException(NotInstalledMessage);

        var directory = Path.Combine(Path.GetTempPath(), "controls-tests", "mariadb-" + Guid.NewGuid().ToString("n")[..12]);
        var dataDirectory = Path.Combine(directory, "data");
        System.IO.Directory.CreateDirectory(directory);

        // mariadbd refuses to run as root unless told to; the data directory then belongs to root, which is fine here.
        var asRoot = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        string[] serverTuning =
        [
            "--innodb-buffer-pool-size=32M",
            "--innodb-log-file-size=16M",
            "--innodb-flush-log-at-trx-commit=2",
            "--skip-name-resolve",
            "--character-set-server=utf8mb4",
        ];

        try
        {
            var template = await InitialisedDataDirectoryAsync(installDb, mariadbd, asRoot, serverTuning, cancellationToken);
            CopyDirectory(template, dataDirectory);
        }
        catch
        {
            TryDelete(directory);
            throw;
        }

        // A port that was free a moment ago; if another process takes it first, the server fails and we try another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var arguments = new List<string>
            {
                "--no-defaults",
                $"--datadir={dataDirectory}",
                $"--socket={Path.Combine(directory, "mysqld.sock")}",
                $"--pid-file={Path.Combine(directory, "mysqld.pid")}",
                $"--log-error={Path.Combine(directory, "error.log")}",
                $"--tmpdir={directory}",
                $"--port={port}",
                "--bind-address=127.0.0.1",
                "--default-time-zone=+02:00",
                "--skip-log-bin",
            };
            if (asRoot)
            {
                arguments.Add("--user=root");
            }

            arguments.AddRange(serverTuning);
            var output = new StringBuilder();
            var process = Launch(mariadbd, arguments, output);
            var server = new MariaDbServer(directory, process, output, port);
            try
            {
                await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60), cancellationToken);
                server.StartupTime = stopwatch.Elapsed;
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && process.HasExited && server.ErrorLog().Contains("Address already in use", StringComparison.Ordinal))
            {
                await server.StopProcessAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Root on this server, optionally in <paramref name="database"/>. Pooled: fixtures open it often.</summary>
    public string AdminConnectionString(string? database = null) => new MySqlConnectionStringBuilder
    {
        Server = Host,
        Port = (uint)Port,
        UserID = "root",
        Database = database ?? string.Empty,
        SslMode = MySqlSslMode.None,
        AllowUserVariables = true,
        ConnectionTimeout = 10,
    }.ConnectionString;

    /// <summary>A connection string as an operator would configure it for <paramref name="user"/> (plain TCP, no TLS).</summary>
    public string ConnectionString(string user, string password, string database) => new MySqlConnectionStringBuilder
    {
        Server = Host,
        Port = (uint)Port,
        UserID = user,
        Password = password,
        Database = database,
        SslMode = MySqlSslMode.None,
    }.ConnectionString;

    /// <summary>
    /// A root connection in UTC with Magento's session settings (<c>time_zone '+00:00'</c>, empty <c>sql_mode</c>), so
    /// DateTime values written through it land in TIMESTAMP columns exactly as Magento would write them.
    /// </summary>
    public async Task<MySqlConnection> OpenAdminConnectionAsync(string? database = null, CancellationToken cancellationToken = default)
    {
        var connection = new MySqlConnection(AdminConnectionString(database));
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SET SESSION time_zone = '+00:00'; SET SESSION sql_mode = '';";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task ExecuteAsync(string sql, string? database = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAdminConnectionAsync(database, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Creates <paramref name="user"/>@127.0.0.1 (replacing one of that name) and runs each GRANT … TO it.</summary>
    /// <param name="grants">Privilege clauses, e.g. "SELECT ON `magento`.`admin_user`" or "ALL PRIVILEGES ON `magento`.*".</param>
    public async Task CreateUserAsync(string user, string password, IEnumerable<string> grants, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAdminConnectionAsync(cancellationToken: cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@password", password);
        var sql = new StringBuilder();
        sql.Append($"DROP USER IF EXISTS {Account(user)}; CREATE USER {Account(user)} IDENTIFIED BY @password;");
        foreach (var grant in grants)
        {
            sql.Append($" GRANT {grant} TO {Account(user)};");
        }

        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A new database with Magento's layout (see magento-schema.sql), named <paramref name="name"/> or a fresh unique name.
    /// </summary>
    /// <param name="tablePrefix">Magento's <c>db/table_prefix</c>, prepended to every table name.</param>
    /// <param name="withoutTables">Unprefixed names of tables to leave out (e.g. magento_logging_event for Open Source).</param>
    public Task<MagentoDatabase> CreateMagentoDatabaseAsync(
        string? name = null,
        string tablePrefix = "",
        IReadOnlyCollection<string>? withoutTables = null,
        CancellationToken cancellationToken = default) =>
        MagentoDatabase.CreateAsync(this, name ?? "magento_" + Guid.NewGuid().ToString("n")[..10], tablePrefix, withoutTables ?? [], cancellationToken);

    /// <summary>A loopback port nobody listens on (at the time of the call), for "unreachable server" tests.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public string ErrorLog()
    {
        var path = Path.Combine(Directory, "error.log");
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopProcessAsync();
        MySqlConnection.ClearAllPools();
        TryDelete(Directory);
    }

    internal static string Account(string user) => $"'{user.Replace("'", "''", StringComparison.Ordinal)}'@'127.0.0.1'";

    private async Task StopProcessAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        if (_process.HasExited)
        {
            _process.Dispose();
            return;
        }

        try
        {
            // A clean shutdown takes well under a second on an idle test server and leaves nothing behind.
            await using var connection = new MySqlConnection(AdminConnectionString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SHUTDOWN";
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is MySqlException or InvalidOperationException or IOException)
        {
            // Not answering: killed below.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            KillQuietly();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder(AdminConnectionString()) { Pooling = false, ConnectionTimeout = 2 };
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"mariadbd exited with code {_process.ExitCode} before accepting connections.\n{Tail(ErrorLog() + _output)}");
            }

            try
            {
                await using var connection = new MySqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                ServerVersion = connection.ServerVersion.Replace("5.5.5-", string.Empty, StringComparison.Ordinal);
                return;
            }
            catch (MySqlException) when (stopwatch.Elapsed < limit)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
            catch (MySqlException ex)
            {
                throw new InvalidOperationException(
                    $"mariadbd did not accept connections on {Host}:{Port} within {limit.TotalSeconds:0}s ({ex.Message}).\n{Tail(ErrorLog())}", ex);
            }
        }
    }

    private void KillQuietly()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>
    /// A pristine data directory (system tables, root@127.0.0.1 without password) made once per machine and server
    /// build by mariadb-install-db, which is most of a cold start; each server then starts on its own copy.
    /// </summary>
    private static async Task<string> InitialisedDataDirectoryAsync(
        string installDb, string mariadbd, bool asRoot, IEnumerable<string> serverTuning, CancellationToken cancellationToken)
    {
        var binary = new FileInfo(mariadbd);
        var key = $"{binary.Length:x}-{binary.LastWriteTimeUtc.Ticks:x}-{(asRoot ? "root" : Environment.UserName)}";
        var root = Path.Combine(Path.GetTempPath(), "controls-tests");
        var template = Path.Combine(root, $"mariadb-template-{key}");
        if (File.Exists(Path.Combine(template, ".complete")))
        {
            return template;
        }

        // Built aside and renamed into place, so concurrent test runs never see a half-made template.
        var building = Path.Combine(root, $"mariadb-template-building-{Guid.NewGuid():n}");
        var install = new List<string>
        {
            "--no-defaults",
            $"--datadir={building}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
        };
        if (asRoot)
        {
            install.Add("--user=root");
        }

        install.AddRange(serverTuning);
        try
        {
            await RunToCompletionAsync(installDb, install, TimeSpan.FromMinutes(2), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(building, ".complete"), key, cancellationToken);
            System.IO.Directory.Move(building, template);
        }
        catch (IOException) when (File.Exists(Path.Combine(template, ".complete")))
        {
            // Another run finished its template first; use that one.
            TryDelete(building);
        }
        catch
        {
            TryDelete(building);
            throw;
        }

        return template;
    }

    private static void CopyDirectory(string source, string destination)
    {
        System.IO.Directory.CreateDirectory(destination);
        foreach (var directory in System.IO.Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            System.IO.Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            if (!string.Equals(Path.GetFileName(file), ".complete", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
            }
        }
    }

    private static List<string> DefaultBinaryDirectories()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(SearchDirectories).Distinct(StringComparer.Ordinal).ToList();
    }

    private static string? FindBinary(IEnumerable<string> directories, params string[] names)
    {
        foreach (var directory in directories)
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static Process Launch(string fileName, IEnumerable<string> arguments, StringBuilder output)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                // Bounded: only the tail matters for a failure message.
                if (output.Length > 64_000)
                {
                    output.Remove(0, 32_000);
                }

                output.AppendLine(e.Data);
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task RunToCompletionAsync(string fileName, IEnumerable<string> arguments, TimeSpan limit, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        using var process = Launch(fileName, arguments, output);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} did not finish within {limit.TotalSeconds:0}s.\n{Tail(output.ToString())}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} failed with exit code {process.ExitCode}.\n{Tail(output.ToString())}");
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    private static void TryDelete(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A file still held by a dying process; the OS temp cleaner gets it.
        }
    }
}
