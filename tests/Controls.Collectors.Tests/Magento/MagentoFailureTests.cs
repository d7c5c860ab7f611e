using Controls.Collectors.Magento.Evidence;
using Controls.Collectors.Tests.GitHub;
using Controls.Collectors.Tests.Magento.Database;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Testing.FakeMagento;
using Controls.Testing.MariaDb;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Tests.Magento;

/// <summary>
/// Failures of a collection, each made real: REST faults from FakeMagento, database faults from the MariaDB fixture
/// (a wrong password, a port nothing listens on, a user lacking SELECT on one table, databases without a table).
/// </summary>
[Collection(MariaDbCollection.Name)]
public sealed class MagentoFailureTests(MagentoDatabaseFixture fixture) : IAsyncLifetime
{
    private static readonly string[] DatabaseChecks =
    [
        "magento.action-log-retention", "magento.admin-2fa-configured-per-user", "magento.admin-accounts-cleaned-up",
        "magento.admin-session-hardened", "magento.integrations-least-privilege",
    ];

    private readonly DateTime _now = TestInstances.Now();
    private FakeMagentoServer _magento = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await TestInstances.SeedAsync(fixture.Database, _now);
        _magento = await FakeMagentoServer.StartAsync(TestInstances.Acme(_now));
        _host = await MagentoTestHost.StartAsync(_magento, fixture.ReadOnlyConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _magento.DisposeAsync();
        _host.DeleteFolder();
    }

    private async Task RestartAsync(string? connectionString, string? credential = null)
    {
        var old = _host;
        await old.DisposeAsync();
        old.DeleteFolder();
        _host = credential is null
            ? await MagentoTestHost.StartAsync(_magento, connectionString)
            : await MagentoTestHost.StartAsync(_magento, connectionString, credential);
    }

    /// <summary>
    /// A fresh database of the given shape on the fixture's server, seeded like the Acme store, with its own read-only
    /// user granted SELECT database-wide: MySQL cannot grant on a table that does not exist, so table-level grants would
    /// turn "absent" (1146) into "denied" (1142) — the documented grant for Magento Open Source is the database-wide one.
    /// </summary>
    private async Task<string> OtherDatabaseAsync(IReadOnlyCollection<string> withoutTables)
    {
        var database = await fixture.Server.CreateMagentoDatabaseAsync(withoutTables: withoutTables);
        await TestInstances.SeedAsync(database, _now);
        var user = "ro_" + database.Name[^10..];
        await fixture.Server.CreateUserAsync(user, MagentoDatabaseFixture.ReadOnlyPassword, [$"SELECT ON `{database.Name}`.*"]);
        return database.ConnectionString(user, MagentoDatabaseFixture.ReadOnlyPassword);
    }

    private async Task<Dictionary<string, CheckEvaluation>> MagentoEvaluationsAsync() =>
        (await _host.EvaluationsAsync()).Where(e => e.Key.StartsWith("magento.", StringComparison.Ordinal)).ToDictionary();

    private static string[] ErrorChecks(Dictionary<string, CheckEvaluation> evaluations) =>
        [.. evaluations.Values.Where(e => e.Status == CheckStatus.Error).Select(e => e.CheckId).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Collect_WithoutTheCustomerAclResource_OnlyTheRetentionCheckIsError()
    {
        _magento.State.DeniedResources.Add("Magento_Customer::customer");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var evaluations = await MagentoEvaluationsAsync();
        Assert.Equal(8, evaluations.Count);
        Assert.Equal(["magento.customer-data-retention"], ErrorChecks(evaluations));
        Assert.Contains("Magento refused GET /V1/customers/search for acme-shop (HTTP 401)", CollectorTestHost.Explain(evaluations["magento.customer-data-retention"]), StringComparison.Ordinal);
        var failure = await _host.EvidenceJsonAsync(MagentoEvidenceKinds.Customers);
        Assert.Contains("The consumer isn't authorized to access Magento_Customer::customer.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WithoutTheStoresAclResource_OnlyTheHttpsCheckIsError()
    {
        _magento.State.DeniedResources.Add("Magento_Backend::stores");

        await _host.CollectAsync();

        var evaluations = await MagentoEvaluationsAsync();
        Assert.Equal(["magento.storefront-https"], ErrorChecks(evaluations));

        // Website codes come from the stores read; customers are still aggregated, by website id.
        Assert.Equal(CheckStatus.Fail, evaluations["magento.customer-data-retention"].Status);
    }

    [Fact]
    public async Task Collect_WhenTokenRevoked_FailsTheRunAndEveryMagentoCheckIsError()
    {
        Assert.Equal(RunOutcome.Succeeded, (await _host.CollectAsync()).Outcome);
        _magento.State.RevokeIntegrationToken();

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.StartsWith("Magento refused every REST route for 'acme-shop' (401 \"The consumer isn't authorized to access …\"): the token configured as Controls:Credentials:magento-acme", run.Error, StringComparison.Ordinal);
        var evaluations = await MagentoEvaluationsAsync();
        Assert.All(evaluations.Values, e => Assert.Equal(CheckStatus.Error, e.Status));
    }

    [Fact]
    public async Task Collect_WhenTokenRevoked_NeverStoresTheTokenOrTheDatabasePassword()
    {
        await _host.CollectAsync();
        _magento.State.RevokeIntegrationToken();
        await _host.CollectAsync();

        Assert.Empty(DataFolderScanner.FilesContaining(_host.Folder, FakeMagentoState.DefaultIntegrationToken));
        Assert.Empty(DataFolderScanner.FilesContaining(_host.Folder, MagentoDatabaseFixture.ReadOnlyPassword));
    }

    [Fact]
    public async Task Collect_WithoutDatabaseConnection_OnlyTheDatabaseChecksAreError()
    {
        await RestartAsync(connectionString: null);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var evaluations = await MagentoEvaluationsAsync();
        Assert.Equal(DatabaseChecks, ErrorChecks(evaluations));
        Assert.Contains(
            "no read-only database connection configured (Controls:Credentials:magento-acme:Database)",
            CollectorTestHost.Explain(evaluations["magento.admin-accounts-cleaned-up"]), StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, evaluations["magento.admin-2fa-enforced"].Status);
    }

    [Fact]
    public async Task Collect_WithAWrongDatabasePassword_OnlyTheDatabaseChecksAreErrorWithASafeMessage()
    {
        const string wrongPassword = "Wr0ng-Db-Pa55word-Secret";
        await RestartAsync(fixture.Database.ConnectionString(MagentoDatabaseFixture.ReadOnlyUser, wrongPassword));

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var evaluations = await MagentoEvaluationsAsync();
        Assert.Equal(DatabaseChecks, ErrorChecks(evaluations));
        var explained = CollectorTestHost.Explain(evaluations["magento.integrations-least-privilege"]);
        Assert.Contains("the read-only database of 'acme-shop' could not be opened: ", explained, StringComparison.Ordinal);
        Assert.Contains("Access denied for user 'controls_ro'", explained, StringComparison.Ordinal);
        Assert.Contains("MySQL error 1045", await _host.EvidenceJsonAsync(MagentoEvidenceKinds.Integrations), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongPassword, explained, StringComparison.Ordinal);
        Assert.Empty(DataFolderScanner.FilesContaining(_host.Folder, wrongPassword));
    }

    [Fact]
    public async Task Collect_WhenNothingListensOnTheDatabasePort_OnlyTheDatabaseChecksAreError()
    {
        var port = MariaDbServer.FreePort();
        await RestartAsync($"Server=127.0.0.1;Port={port};Database=magento;User ID=controls_ro;Password=Unreachable-Secret-1;SslMode=None");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var evaluations = await MagentoEvaluationsAsync();
        Assert.Equal(DatabaseChecks, ErrorChecks(evaluations));
        Assert.Contains($"127.0.0.1:{port}/magento", CollectorTestHost.Explain(evaluations["magento.admin-session-hardened"]), StringComparison.Ordinal);
        Assert.Empty(DataFolderScanner.FilesContaining(_host.Folder, "Unreachable-Secret-1"));
    }

    [Fact]
    public async Task Collect_WhenTheUserLacksSelectOnTheIntegrationTable_OnlyTheIntegrationsCheckIsError()
    {
        const string user = "ro_no_integration";
        await fixture.Database.CreateReadOnlyUserAsync(user, MagentoDatabaseFixture.ReadOnlyPassword, exceptTables: ["integration"]);
        await RestartAsync(fixture.Database.ConnectionString(user, MagentoDatabaseFixture.ReadOnlyPassword));

        await _host.CollectAsync();

        var evaluations = await MagentoEvaluationsAsync();
        Assert.Equal(["magento.integrations-least-privilege"], ErrorChecks(evaluations));
        var explained = CollectorTestHost.Explain(evaluations["magento.integrations-least-privilege"]);
        Assert.Contains("Magento database read for magento.integrations failed: ", explained, StringComparison.Ordinal);
        Assert.Contains("denied", explained, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("MySQL error 1142", await _host.EvidenceJsonAsync(MagentoEvidenceKinds.Integrations), StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, evaluations["magento.admin-accounts-cleaned-up"].Status);
    }

    [Fact]
    public async Task Collect_OnMagentoOpenSource_ActionLogFailsWithTheExplanation()
    {
        await RestartAsync(await OtherDatabaseAsync(withoutTables: ["magento_logging_event"]));

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var check = (await MagentoEvaluationsAsync())["magento.action-log-retention"];
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("Magento Open Source does not record admin actions", check.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WithoutTheTwoFactorTable_PerUserTwoFactorFailsAsNeverInstalled()
    {
        await RestartAsync(await OtherDatabaseAsync(withoutTables: ["tfa_user_config"]));

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var evaluations = await MagentoEvaluationsAsync();
        Assert.Empty(ErrorChecks(evaluations));
        var check = evaluations["magento.admin-2fa-configured-per-user"];
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Contains("the database has no tfa_user_config table", check.Summary, StringComparison.Ordinal);
        Assert.Equal(["acme-shop/two-factor | acme-shop: tfa_user_config does not exist; 4 active admin(s) have no second factor"],
            check.Findings.Select(f => $"{f.Resource} | {f.Message}"));
    }

    [Fact]
    public async Task Collect_DuringA5xxStorm_RecordsBoundedFailuresAndEveryRestCheckIsError()
    {
        _magento.Faults.ServerErrors(int.MaxValue);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var evaluations = await MagentoEvaluationsAsync();
        Assert.Equal(
            ["magento.admin-2fa-enforced", "magento.customer-data-retention", "magento.storefront-https"],
            ErrorChecks(evaluations));
        Assert.Contains("Magento kept failing with HTTP 503 (ServiceUnavailable) on GET /V1/modules for acme-shop after 2 retries", await _host.EvidenceJsonAsync(MagentoEvidenceKinds.Modules), StringComparison.Ordinal);

        // Bounded: 1 + 2 retries for each of the four reads attempted (storeConfigs, modules, forced-providers, customers).
        Assert.Equal(12, _magento.Requests.All.Count);
    }

    [Fact]
    public async Task Collect_AfterTransient5xx_RetriesAndSucceeds()
    {
        _magento.Faults.ServerErrors(2);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(2, _magento.Requests.All.Count(r => r.Status == 503));
    }

    [Fact]
    public async Task Collect_When429_WaitsForRetryAfterAndSucceeds()
    {
        _magento.Faults.Throttle(3);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(3, _magento.Requests.All.Count(r => r.Status == 429));
    }

    [Fact]
    public async Task Collect_WhenThrottledBeyondTheLimit_RecordsAFailureOfThatKind()
    {
        _magento.Faults.Throttle(100);

        await _host.CollectAsync();

        var evaluations = await MagentoEvaluationsAsync();
        Assert.Contains("magento.storefront-https", ErrorChecks(evaluations));
        Assert.Contains("kept answering 429 Too Many Requests on GET /V1/store/storeConfigs", CollectorTestHost.Explain(evaluations["magento.storefront-https"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WhenTheModuleListIsTruncated_NoMagentoCheckIsErrorButTheStoresThirdPartyInventoryIs()
    {
        _magento.Faults.TruncateRoute = "modules";

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var evaluations = await MagentoEvaluationsAsync();
        Assert.Empty(ErrorChecks(evaluations));
        Assert.Contains("not valid JSON (truncated or malformed)", await _host.EvidenceJsonAsync(MagentoEvidenceKinds.Modules), StringComparison.Ordinal);

        // The module list feeds the third-party inventory (since magento.third-party-modules-approved was retired).
        var register = await _host.InScopeAsync(async (_, db) =>
        {
            var registerId = await db.Systems.Where(s => s.Kind == Compliance.ThirdParty.ThirdPartyRegister.Kind).Select(s => s.Id).SingleAsync();
            return await db.CheckEvaluations.AsNoTracking().Include(e => e.Findings).SingleAsync(e => e.IsCurrent && e.SystemId == registerId && e.CheckId == "third-party.apps-approved");
        });
        Assert.Equal(CheckStatus.Error, register.Status);
        Assert.Contains("magento.modules could not be collected from acme-shop", CollectorTestHost.Explain(register), StringComparison.Ordinal);

        // Without the module list the forced providers are still read: the route answering shows the module is enabled.
        Assert.Equal(CheckStatus.Pass, evaluations["magento.admin-2fa-enforced"].Status);
    }

    [Fact]
    public async Task Collect_WhenTheModuleListFailsAndTheTfaRouteIsMissing_TwoFactorIsErrorWith404()
    {
        _magento.State.Modules.Remove("Magento_TwoFactorAuth");
        _magento.Faults.TruncateRoute = "modules";

        await _host.CollectAsync();

        var evaluations = await MagentoEvaluationsAsync();
        Assert.Equal(["magento.admin-2fa-enforced"], ErrorChecks(evaluations));
        Assert.Contains(
            "Magento has no route GET /V1/tfa/forced-providers for acme-shop (HTTP 404): the module serving it is disabled or the store code is wrong",
            CollectorTestHost.Explain(evaluations["magento.admin-2fa-enforced"]), StringComparison.Ordinal);
        Assert.Contains("Request does not match any route.", await _host.EvidenceJsonAsync(MagentoEvidenceKinds.TwoFactor), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Collect_WithoutBaseUrl_AbortsWithAClearMessage()
    {
        await _host.InScopeAsync(async (_, db) =>
        {
            var system = await db.Systems.SingleAsync(s => s.Id == _host.SystemId);
            system.BaseUrl = null;
            return await db.SaveChangesAsync();
        });

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.StartsWith("Magento instance 'acme-shop' has no usable BaseUrl", run.Error, StringComparison.Ordinal);
        Assert.Empty(_magento.Requests.All);
    }

    [Fact]
    public async Task Collect_WhenTwoFactorModuleDisabled_TwoFactorCheckFailsWithoutCallingTheMissingRoute()
    {
        _magento.State.Modules.Remove("Magento_TwoFactorAuth");

        await _host.CollectAsync();

        var check = (await MagentoEvaluationsAsync())["magento.admin-2fa-enforced"];
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Equal("acme-shop: Magento_TwoFactorAuth is disabled, so admins sign in with a password alone.", check.Summary);
        Assert.DoesNotContain(_magento.Requests.All, r => r.Route == "tfa/forced-providers");
    }

    [Fact]
    public async Task Collect_WhenNoCredentialFormatMatches_AbortsWithoutEchoingIt()
    {
        await RestartAsync(fixture.ReadOnlyConnectionString, credential: "admin-tfa:controls-reader:pw-only");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Failed, run.Outcome);
        Assert.Equal(
            "The credential Controls:Credentials:magento-acme of Magento instance 'acme-shop' is malformed: an admin-tfa credential must be admin-tfa:<username>:<password>:<base32 TOTP secret>.",
            run.Error);
        var records = await _host.InScopeAsync(async (_, db) => await db.EvidenceRecords.CountAsync(r => r.SystemId == _host.SystemId && r.Outcome == EvidenceOutcome.Collected));
        Assert.Equal(0, records);
    }
}
