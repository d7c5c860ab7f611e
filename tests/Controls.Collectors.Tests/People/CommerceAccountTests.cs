using Controls.Collectors.Tests.Magento;
using Controls.Collectors.Tests.Magento.Database;
using Controls.Collectors.Tests.Shopify;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.People;
using Controls.Testing.FakeMagento;
using Controls.Testing.FakeShopify;
using Controls.Testing.MariaDb;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.People;

internal static class AccountReading
{
    public static async Task<SystemAccounts> SingleAsync(CollectorTestHost host) =>
        Assert.Single(await host.InScopeAsync((services, _) => services.GetRequiredService<AccountInventory>().ReadAllAsync(CancellationToken.None)));

    public static IEnumerable<string> Describe(SystemAccounts system) =>
        system.Accounts.Select(a => $"{a.Login} | {a.Email} | {a.Role} | privileged={a.Privileged} | active={a.Active}");
}

/// <summary>Shopify staff as accounts, from a real collection against the loopback Admin GraphQL API.</summary>
public sealed class ShopifyAccountTests : IAsyncLifetime
{
    private FakeShopifyServer _shopify = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _shopify = await FakeShopifyServer.StartAsync(TestStores.Acme());
        _host = await ShopifyTestHost.StartAsync(_shopify);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _shopify.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Accounts_AfterCollection_AreTheStaffWithTheShopOwnerPrivileged()
    {
        await _host.CollectAsync();

        var system = await AccountReading.SingleAsync(_host);

        Assert.Equal(AccountListState.Known, system.State);
        Assert.Contains("olivia@acme.example | olivia@acme.example | shop owner | privileged=True | active=True", AccountReading.Describe(system));
        Assert.Contains("bob@acme.example | bob@acme.example | regular | privileged=False | active=False", AccountReading.Describe(system));
        Assert.Contains("dev@pixelagency.example | dev@pixelagency.example | collaborator | privileged=False | active=True", AccountReading.Describe(system));
        Assert.Equal("gid://shopify/StaffMember/1", system.Accounts.Single(a => a.Privileged).AccountKey);
    }
}

/// <summary>Magento admins as accounts, read through the real read-only database path on MariaDB.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class MagentoAccountTests(MagentoDatabaseFixture fixture) : IAsyncLifetime
{
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

    [Fact]
    public async Task Accounts_AfterCollection_AreTheAdminsWithFullAccessRolesPrivileged()
    {
        await _host.CollectAsync();

        var system = await AccountReading.SingleAsync(_host);

        Assert.Equal(AccountListState.Known, system.State);
        Assert.Equal(
            [
                "alice | alice@acme.example | Administrators | privileged=True | active=True",
                "bob | bob@acme.example | Administrators | privileged=True | active=True",
                "carol | carol@acme.example | Support | privileged=False | active=False",
                "dave | dave@acme.example | Support | privileged=False | active=True",
                "eve | eve@acme.example | Support | privileged=False | active=True",
            ],
            AccountReading.Describe(system));
        Assert.Equal(_now.AddDays(-5), system.Accounts[0].LastActivityAt!.Value, TimeSpan.FromSeconds(1));
        Assert.Null(system.Accounts[3].LastActivityAt);
    }
}
