using Controls.Collectors.Tests.GitHub;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.People;
using Controls.Testing;
using Controls.Testing.FakeGitHub;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.People;

/// <summary>The accounts access reviews and training coverage read: GitHub members with roles, from a real collection.</summary>
public sealed class GitHubAccountTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private FakeGitHubServer _github = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _github = await FakeGitHubServer.StartAsync(TestOrganizations.Small(), _clock);
        _host = await GitHubTestHost.StartAsync(_github, time: _clock);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _github.DisposeAsync();
        _host.DeleteFolder();
    }

    private Task<IReadOnlyList<SystemAccounts>> AccountsAsync() =>
        _host.InScopeAsync((services, _) => services.GetRequiredService<AccountInventory>().ReadAllAsync(CancellationToken.None));

    [Fact]
    public async Task Accounts_BeforeAnyCollection_AreUnknownNotEmpty()
    {
        var system = Assert.Single(await AccountsAsync());

        Assert.Equal(AccountListState.NotCollected, system.State);
        Assert.Empty(system.Accounts);
        Assert.Contains("has not been collected yet", system.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_AfterCollection_ListMembersWithRolesAndOutsideCollaborators()
    {
        var run = await _host.CollectAsync();

        var system = Assert.Single(await AccountsAsync());
        Assert.Equal(AccountListState.Known, system.State);
        Assert.Equal(run.Id, system.RunId);
        Assert.Equal(
            ["alice owner True", "bob owner True", "carol member False", "dave member False", "zoe-contractor outside-collaborator False"],
            system.Accounts.Select(a => $"{a.Login} {a.Role} {a.Privileged}"));
        Assert.All(system.Accounts, a => Assert.Equal("github:" + a.Login, a.LoginAlias));

        // The key is GitHub's user id, not the login: a rename must not look like a removal.
        var alice = _github.State.Organization.Members.Single(m => m.Login == "alice");
        Assert.Equal(alice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), system.Accounts[0].AccountKey);
    }

    [Fact]
    public async Task Accounts_WhenTheTokenCannotListOwners_AreAFailureNotMembersWithoutRoles()
    {
        _github.Faults.Fail(r => r.Path.EndsWith("/members", StringComparison.Ordinal) && r["role"] == "admin", 403, "Must be an organization owner.");

        await _host.CollectAsync();

        var system = Assert.Single(await AccountsAsync());
        Assert.Equal(AccountListState.Failed, system.State);
        Assert.Empty(system.Accounts);
        Assert.Contains("roles are unknown", system.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_WhenCollaboratorsCannotBeListed_AreAFailure()
    {
        _github.Faults.FailPath("/orgs/acme/outside_collaborators", 502);

        await _host.CollectAsync();

        var system = Assert.Single(await AccountsAsync());
        Assert.Equal(AccountListState.Failed, system.State);
        Assert.Contains("outside collaborators could not be listed", system.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_WhenTheLatestRunIsOlderThanTwoDays_AreStale()
    {
        await _host.CollectAsync();
        _clock.Advance(TimeSpan.FromDays(3));

        var system = Assert.Single(await AccountsAsync());
        Assert.Equal(AccountListState.Stale, system.State);
        Assert.Empty(system.Accounts);
        Assert.Contains("older than 48 hours", system.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_WhenTheLatestRunFailed_AreAFailureEvenThoughAnEarlierRunSucceeded()
    {
        await _host.CollectAsync();
        _github.State.RevokeToken(FakeGitHubState.DefaultToken);

        await _host.CollectAsync();

        var system = Assert.Single(await AccountsAsync());
        Assert.Equal(AccountListState.Failed, system.State);
        Assert.Contains("failed", system.Problem, StringComparison.Ordinal);
    }
}
