using Controls.Collectors.Magento.Database;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Systems;
using Controls.Testing.FakeMagento;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.Magento;

/// <summary>A <see cref="CollectorTestHost"/> with one Magento system pointing at a fake Magento instance, and the stand-in database reader.</summary>
internal static class MagentoTestHost
{
    public const string CredentialName = "magento-acme";
    public const string ConnectionString = "Server=db.acme.internal;Database=magento;User ID=controls_ro;Password=Db-Pa55word-Secret;SslMode=Required";

    public static async Task<CollectorTestHost> StartAsync(
        FakeMagentoServer? magento,
        TestMagentoDatabase? database = null,
        string credential = "bearer:" + FakeMagentoState.DefaultIntegrationToken,
        string? connectionString = ConnectionString,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? time = null)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Controls:Magento:RetryBaseDelay"] = "00:00:00.010",
            ["Controls:Magento:MaxRetries"] = "2",
            ["Controls:Magento:MaxRetryAfter"] = "00:00:00.050",
        };
        if (connectionString is not null)
        {
            defaults[$"Controls:Credentials:{CredentialName}:Database"] = connectionString;
        }

        var host = await CollectorTestHost.StartAsync("magento", CredentialName, credential, defaults.Concat(settings ?? new Dictionary<string, string?>()), time: time,
            services: database is null ? null : s => s.AddSingleton<IMagentoDatabaseReader>(database));
        if (magento is not null)
        {
            await host.ConnectAsync(SystemKinds.Magento, "acme-shop", magento.BaseUrl.AbsoluteUri);
        }

        return host;
    }
}
