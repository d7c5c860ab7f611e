using System.Text.Json;
using Controls.Compliance.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.GitHub.Caching;

/// <summary>
/// Loads and saves each connected system's <see cref="FileResponseCache"/> as one JSON file in the data folder.
/// A file is a cache: when it is missing, unreadable or from another format it is ignored and rebuilt, and the
/// only cost is a run without 304s.
/// </summary>
public sealed class GitHubResponseCacheStore
{
    private static readonly JsonSerializerOptions FileFormat = new(JsonSerializerDefaults.Web);
    private readonly TimeProvider _time;
    private readonly ILogger<GitHubResponseCacheStore> _logger;
    private readonly TimeSpan _lifetime;

    public GitHubResponseCacheStore(IOptions<GitHubOptions> options, IOptions<DatabaseOptions> database, TimeProvider time, ILogger<GitHubResponseCacheStore> logger)
    {
        _time = time;
        _logger = logger;
        _lifetime = options.Value.CacheEntryLifetime;
        Directory = string.IsNullOrWhiteSpace(options.Value.CacheDirectory)
            ? Path.Combine(DataFolder(database.Value.ConnectionString), "github-cache")
            : Path.GetFullPath(options.Value.CacheDirectory);
    }

    public string Directory { get; }

    public string PathFor(int workspaceId, int systemId) => Path.Combine(Directory, $"github-w{workspaceId}-s{systemId}.json");

    public async Task<FileResponseCache> OpenAsync(int workspaceId, int systemId, CancellationToken cancellationToken)
    {
        var path = PathFor(workspaceId, systemId);
        if (!File.Exists(path))
        {
            return new FileResponseCache(path, [], _time);
        }

        try
        {
            await using var stream = File.OpenRead(path);
            var file = await JsonSerializer.DeserializeAsync<CacheFile>(stream, FileFormat, cancellationToken);
            if (file is { Version: CacheFile.CurrentVersion })
            {
                return new FileResponseCache(path, file.Entries, _time);
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Ignoring unreadable GitHub response cache {Path}: {Error}", path, ex.Message);
        }

        return new FileResponseCache(path, [], _time);
    }

    public async Task SaveAsync(FileResponseCache cache, CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow() - _lifetime;
        var file = new CacheFile
        {
            Version = CacheFile.CurrentVersion,
            Entries = cache.Entries.Where(e => e.Value.LastUsed >= cutoff).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
        };

        try
        {
            System.IO.Directory.CreateDirectory(Directory);

            // Write-then-rename so a crash mid-write never leaves a half file behind.
            var temporary = $"{cache.FilePath}.{Guid.NewGuid():N}.tmp";
            await using (var stream = File.Create(temporary))
            {
                await JsonSerializer.SerializeAsync(stream, file, FileFormat, cancellationToken);
            }

            File.Move(temporary, cache.FilePath, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Could not save the GitHub response cache {Path}: {Error}", cache.FilePath, ex.Message);
        }
    }

    private static string DataFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrWhiteSpace(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Path.Combine(AppContext.BaseDirectory, "data");
        }

        return Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? Path.Combine(AppContext.BaseDirectory, "data");
    }

    private sealed class CacheFile
    {
        public const int CurrentVersion = 1;

        public int Version { get; set; }

        public Dictionary<string, FileResponseCache.CacheEntry> Entries { get; set; } = new(StringComparer.Ordinal);
    }
}
