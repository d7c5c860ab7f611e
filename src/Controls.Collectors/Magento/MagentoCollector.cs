using System.Globalization;
using Controls.Collectors.Magento.Client;
using Controls.Collectors.Magento.Database;
using Controls.Collectors.Magento.Evidence;
using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Magento;

/// <summary>
/// Collects a Magento Open Source / Adobe Commerce instance (ConnectedSystem.BaseUrl is the store's base address,
/// Name a label): stores, modules and two-factor enforcement over REST, an aggregate of customer accounts, and —
/// over an optional read-only database connection — admin users, integrations, admin security settings and the
/// action log. Each piece is one read, so a missing ACL resource or a missing table fails exactly that evidence
/// kind; refused admin credentials, or a token refused on every route, abort the run.
/// </summary>
public sealed class MagentoCollector(
    MagentoRestClientFactory clients,
    CredentialProvider credentials,
    IOptions<MagentoOptions> options,
    ILogger<MagentoCollector> logger,
    IMagentoDatabaseReader database,
    IEnumerable<IMagentoDatabaseReplay> databaseReplays,
    ControlsDbContext db) : ICollector
{
    /// <summary>The credential part holding the read-only database connection string.</summary>
    public const string DatabasePart = "Database";

    /// <summary>Module namespaces of the platform vendor itself; every other vendor's module is third-party.</summary>
    public static readonly IReadOnlyList<string> PlatformVendors = ["Magento"];

    public const string TwoFactorModule = "Magento_TwoFactorAuth";

    /// <summary>core_config_data paths of Stores → Configuration → Advanced → Admin → Security.</summary>
    public static readonly IReadOnlyList<string> SecurityPaths =
    [
        "admin/security/session_lifetime",
        "admin/security/lockout_failures",
        "admin/security/lockout_threshold",
        "admin/security/password_lifetime",
        "admin/security/password_is_forced",
        "admin/security/admin_account_sharing",
        "admin/security/use_form_key",
    ];

    /// <summary>Adobe Commerce: Stores → Configuration → Advanced → System → Action Logs Archiving → Log Entry Lifetime, Days.</summary>
    public const string ActionLogLifetimePath = "system/rotation/lifetime";

    /// <summary>Magento_Logging's shipped default for <see cref="ActionLogLifetimePath"/>, applied when no row overrides it.</summary>
    public const int ActionLogLifetimeDefaultDays = 60;

    public string SystemKind => SystemKinds.Magento;

    public async Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var system = context.System;
        var raw = context.Credential?.Reveal();
        var replayed = clients.IsReplayed(system);
        if (replayed && string.IsNullOrEmpty(raw))
        {
            // Recorded responses need no token; the transport itself refuses any workspace that is not a demo.
            raw = "bearer:replay";
        }

        if (string.IsNullOrEmpty(raw))
        {
            throw new CollectionAbortedException(
                $"No credential is configured for Magento instance '{system.Name}' ({CredentialProvider.KeyOf(system)}).");
        }

        var credential = MagentoCredential.Parse(raw, out var problem)
            ?? throw new CollectionAbortedException($"The credential {CredentialProvider.KeyOf(system)} of Magento instance '{system.Name}' is malformed: {problem}.");

        if (!replayed && (string.IsNullOrWhiteSpace(system.BaseUrl) || !Uri.TryCreate(system.BaseUrl, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https")))
        {
            throw new CollectionAbortedException(
                $"Magento instance '{system.Name}' has no usable BaseUrl: set it to the store's base address (e.g. https://shop.example.com/); the REST API is read under rest/.");
        }

        var isDemo = replayed && await IsDemoWorkspaceAsync(system, cancellationToken);
        var client = clients.Create(system, credential, isDemo);
        var instance = system.Name;
        var rest = new RestTally();
        try
        {
            try
            {
                await client.AuthenticateAsync(cancellationToken);
            }
            catch (MagentoUnauthorizedException ex)
            {
                throw new CollectionAbortedException(
                    $"{ex.Message}. Check the credential configured as {CredentialProvider.KeyOf(system)} (user, password, TOTP secret and the server clock) and collect again.");
            }

            var websiteList = await ReadAsync(MagentoEvidenceKinds.Stores, instance, context, rest, async ct =>
            {
                var configs = await client.GetStoreConfigsAsync(ct);
                var websites = await client.GetWebsitesAsync(ct);
                context.Record(MagentoEvidenceKinds.Stores, instance, new StoresEvidence(
                    instance,
                    websites.OrderBy(w => w.Id).Select(w => new WebsiteEvidence(w.Id, w.Code, w.Name, w.DefaultGroupId)).ToList(),
                    configs.OrderBy(c => c.Id).Select(c => new StoreViewEvidence(
                        c.Id, c.Code, c.WebsiteId, c.Locale, c.Timezone, c.BaseCurrencyCode, c.BaseUrl, c.BaseLinkUrl, c.SecureBaseUrl, c.SecureBaseLinkUrl)).ToList()));
                return websites;
            }, cancellationToken);

            var modules = await ReadAsync(MagentoEvidenceKinds.Modules, instance, context, rest, async ct =>
            {
                var names = await client.GetModulesAsync(ct);
                context.Record(MagentoEvidenceKinds.Modules, instance, new ModulesEvidence(instance, PlatformVendors,
                    names.Order(StringComparer.Ordinal).Select(ToModule).ToList()));
                return names;
            }, cancellationToken);

            if (modules is not null && !modules.Contains(TwoFactorModule, StringComparer.Ordinal))
            {
                // The forced-providers route exists only while the module is enabled: its absence is the answer, not a failure.
                context.Record(MagentoEvidenceKinds.TwoFactor, instance, new TwoFactorEvidence(instance, false, []));
            }
            else
            {
                await ReadAsync(MagentoEvidenceKinds.TwoFactor, instance, context, rest, async ct =>
                {
                    var providers = await client.GetForcedTfaProvidersAsync(ct);
                    context.Record(MagentoEvidenceKinds.TwoFactor, instance, new TwoFactorEvidence(instance, true,
                        providers.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => new TwoFactorProviderEvidence(p.Code, p.Name, p.Enabled)).ToList()));
                    return providers;
                }, cancellationToken);
            }

            await ReadAsync(MagentoEvidenceKinds.Customers, instance, context, rest, async ct =>
            {
                var evidence = await ReadCustomersAsync(client, instance, websiteList, ct);
                context.Record(MagentoEvidenceKinds.Customers, instance, evidence);
                return evidence;
            }, cancellationToken);

            if (rest.Attempted > 0 && rest.Denied == rest.Attempted)
            {
                // Magento answers an unknown or expired token exactly like a missing ACL resource; refused everywhere means the token.
                throw new CollectionAbortedException(
                    $"Magento refused every REST route for '{instance}' (401 \"The consumer isn't authorized to access …\"): the token configured as " +
                    $"{CredentialProvider.KeyOf(system)} is wrong, expired or revoked (or the integration was granted no resources); replace it and collect again.");
            }
        }
        finally
        {
            context.RequestCount += client.Stats.Requests;
            logger.LogInformation("Magento {Instance}: {Requests} REST requests, {Retries} retries", instance, client.Stats.Requests, client.Stats.Retries);
        }

        await CollectDatabaseAsync(context, cancellationToken);
    }

    private static ModuleEvidence ToModule(string name)
    {
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        var vendor = underscore > 0 ? name[..underscore] : name;
        return new ModuleEvidence(name, vendor, !PlatformVendors.Contains(vendor, StringComparer.Ordinal));
    }

    private async Task<CustomersEvidence> ReadCustomersAsync(IMagentoRestClient client, string instance, IReadOnlyList<MagentoWebsite>? websiteList, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var websites = new SortedDictionary<int, WebsiteTally>();
        int total = 0, read = 0, pages = 0;
        bool truncated = false, repeated = false;
        await foreach (var page in client.GetCustomerPagesAsync(cancellationToken))
        {
            total = page.TotalCount;
            if (page.StoppedOnRepeat)
            {
                repeated = true;
                break;
            }

            pages++;
            foreach (var customer in page.Customers)
            {
                read++;
                var website = customer.WebsiteId ?? 0;
                if (!websites.TryGetValue(website, out var tally))
                {
                    websites[website] = tally = new WebsiteTally();
                }

                tally.Add(ParseMagentoTime(customer.UpdatedAt) ?? ParseMagentoTime(customer.CreatedAt));
            }

            if (pages >= settings.MaxCustomerPages && (long)pages * settings.PageSize < total)
            {
                truncated = true;
                break;
            }
        }

        return new CustomersEvidence(instance, total, read, pages, truncated, repeated,
            websites.Select(w => w.Value.ToEvidence(w.Key, websiteList?.FirstOrDefault(s => s.Id == w.Key)?.Code)).ToList());
    }

    /// <summary>Magento writes "2026-01-05 10:00:00" (UTC, no zone); ISO forms are accepted too.</summary>
    internal static DateTime? ParseMagentoTime(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private async Task CollectDatabaseAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var system = context.System;
        var instance = system.Name;
        var connectionString = credentials.ResolvePart(system, DatabasePart)?.Reveal();
        if (string.IsNullOrEmpty(connectionString))
        {
            FailDatabaseKinds(context, $"no read-only database connection configured ({CredentialProvider.KeyOf(system, DatabasePart)})");
            return;
        }

        IMagentoDatabaseSession session;
        try
        {
            // A replay address (the demo's recorded rows) never reaches MySQL; the replay itself refuses non-demo workspaces.
            session = databaseReplays.FirstOrDefault(r => r.Serves(connectionString)) is { } replay
                ? replay.Open(system, await IsDemoWorkspaceAsync(system, cancellationToken))
                : await database.OpenAsync(connectionString, cancellationToken);
        }
        catch (MagentoDatabaseException ex)
        {
            logger.LogWarning("Magento {Instance}: database not reachable: {Reason}", instance, ScrubDatabase(ex.Message, connectionString));
            FailDatabaseKinds(context, $"the read-only database of '{instance}' could not be opened: {ScrubDatabase(ex.Message, connectionString)}", ex.ErrorNumber);
            return;
        }

        await using (session)
        {
            await ReadDatabaseAsync(MagentoEvidenceKinds.AdminUsers, context, connectionString, async ct =>
            {
                var users = await session.ReadAdminUsersAsync(ct);
                context.Record(MagentoEvidenceKinds.AdminUsers, instance, new AdminUsersEvidence(instance, session.ServerVersion,
                    users.OrderBy(u => u.UserId).Select(u => new AdminUserEvidence(
                        u.UserId, u.Username, u.Email, u.IsActive, u.RoleName, u.RoleGrantsAll, u.CreatedAt, u.LastLoginAt, u.LoginCount, u.FailureCount, u.LockExpiresAt,
                        u.TwoFactorConfigured)).ToList()));
            }, cancellationToken);

            await ReadDatabaseAsync(MagentoEvidenceKinds.Integrations, context, connectionString, async ct =>
            {
                var integrations = await session.ReadIntegrationsAsync(ct);
                context.Record(MagentoEvidenceKinds.Integrations, instance, new IntegrationsEvidence(instance,
                    integrations.OrderBy(i => i.IntegrationId).Select(i => new IntegrationEvidence(
                        i.IntegrationId, i.Name, i.Status, IntegrationStatus(i.Status), i.SetupType, i.CreatedAt, i.UpdatedAt, i.ConsumerCreatedAt, i.AllResources,
                        i.Resources.Order(StringComparer.Ordinal).ToList())).ToList()));
            }, cancellationToken);

            await ReadDatabaseAsync(MagentoEvidenceKinds.SecurityConfig, context, connectionString, async ct =>
            {
                var rows = await session.ReadConfigAsync(SecurityPaths, ct);
                context.Record(MagentoEvidenceKinds.SecurityConfig, instance, new SecurityConfigEvidence(instance, SecurityPaths, OrderRows(rows)));
            }, cancellationToken);

            await ReadDatabaseAsync(MagentoEvidenceKinds.ActionLog, context, connectionString, async ct =>
            {
                var extent = await session.ReadActionLogExtentAsync(ct);
                var rows = await session.ReadConfigAsync([ActionLogLifetimePath], ct);
                var configured = rows.FirstOrDefault(r => r.Scope == "default" && r.ScopeId == 0)?.Value;
                int? lifetime = int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) ? days : null;
                context.Record(MagentoEvidenceKinds.ActionLog, instance, new ActionLogEvidence(
                    instance, extent is not null, lifetime, ActionLogLifetimeDefaultDays, extent?.Rows ?? 0, extent?.OldestAt, extent?.NewestAt));
            }, cancellationToken);
        }
    }

    private Task<bool> IsDemoWorkspaceAsync(ConnectedSystem system, CancellationToken cancellationToken) =>
        db.Workspaces.AsNoTracking()
            .Where(w => w.Id == system.WorkspaceId)
            .Select(w => w.IsDemo)
            .SingleOrDefaultAsync(cancellationToken);

    private static List<ConfigValueEvidence> OrderRows(IReadOnlyList<MagentoConfigRow> rows) =>
        rows.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Scope, StringComparer.Ordinal).ThenBy(r => r.ScopeId)
            .Select(r => new ConfigValueEvidence(r.Path, r.Scope, r.ScopeId, r.Value)).ToList();

    private static string IntegrationStatus(int status) => status switch
    {
        0 => "inactive",
        1 => "active",
        2 => "recalled",
        _ => "unknown",
    };

    private static void FailDatabaseKinds(CollectionContext context, string reason, int? errorNumber = null)
    {
        foreach (var kind in MagentoEvidenceKinds.Database)
        {
            context.RecordFailure(kind, context.System.Name, new CollectionFailure(reason, null, errorNumber is { } n ? $"MySQL error {n}" : null));
        }
    }

    private async Task ReadDatabaseAsync(string kind, CollectionContext context, string connectionString, Func<CancellationToken, Task> read, CancellationToken cancellationToken)
    {
        try
        {
            await read(cancellationToken);
        }
        catch (MagentoDatabaseException ex)
        {
            var reason = ScrubDatabase(ex.Message, connectionString);
            logger.LogWarning("Magento {Instance}: {Kind} not collected: {Reason}", context.System.Name, kind, reason);
            context.RecordFailure(kind, context.System.Name, new CollectionFailure(
                $"Magento database read for {kind} failed: {reason}", null, ex.ErrorNumber is { } n ? $"MySQL error {n}" : null));
        }
    }

    /// <summary>The reader promises a safe message; the connection string and its password are removed anyway.</summary>
    private static string ScrubDatabase(string message, string connectionString)
    {
        var text = MagentoFailures.Trim(message.Replace(connectionString, "***", StringComparison.Ordinal)) ?? "unknown error";
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && part[..eq].Trim().ToLowerInvariant() is "password" or "pwd" && part[(eq + 1)..].Trim() is { Length: >= 3 } secret)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    /// <summary>Runs one REST read; a failure of that read is recorded against its kind and the run goes on.</summary>
    private async Task<T?> ReadAsync<T>(string kind, string instance, CollectionContext context, RestTally tally, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        tally.Attempted++;
        try
        {
            return await read(cancellationToken);
        }
        catch (MagentoRequestException ex)
        {
            if (ex is MagentoAccessDeniedException)
            {
                tally.Denied++;
            }

            logger.LogWarning("Magento {Instance}: {Kind} not collected: {Reason}", instance, kind, ex.Failure.Reason);
            context.RecordFailure(kind, instance, ex.Failure);
            return null;
        }
    }

    private sealed class RestTally
    {
        public int Attempted { get; set; }

        public int Denied { get; set; }
    }

    private sealed class WebsiteTally
    {
        private readonly SortedDictionary<string, int> _byDay = new(StringComparer.Ordinal);
        private int _count;
        private DateTime? _oldest;
        private DateTime? _newest;

        public void Add(DateTime? updatedAt)
        {
            _count++;
            if (updatedAt is not { } at)
            {
                _byDay["unknown"] = _byDay.GetValueOrDefault("unknown") + 1;
                return;
            }

            var day = at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            _byDay[day] = _byDay.GetValueOrDefault(day) + 1;
            _oldest = _oldest is null || at < _oldest ? at : _oldest;
            _newest = _newest is null || at > _newest ? at : _newest;
        }

        public CustomerWebsiteEvidence ToEvidence(int websiteId, string? code) => new(websiteId, code, _count, _oldest, _newest, _byDay);
    }
}
