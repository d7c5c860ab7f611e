using Controls.Collectors.Tests.Support;
using Controls.Compliance.Systems;
using Controls.Testing.FakeMagento;

namespace Controls.Collectors.Tests.Magento;

/// <summary>
/// A <see cref="CollectorTestHost"/> with one Magento system pointing at a fake Magento instance (REST) and, when a
/// connection string is given, the real MySqlConnector reader on a real database (the MariaDB fixture).
/// </summary>
internal static class MagentoTestHost
{
    public const string CredentialName = "magento-acme";

    public static async Task<CollectorTestHost> StartAsync(
        FakeMagentoServer? magento,
        string? connectionString,
        string credential = "bearer:" + FakeMagentoState.DefaultIntegrationToken,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? time = null)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Controls:Magento:RetryBaseDelay"] = "00:00:00.010",
            ["Controls:Magento:MaxRetries"] = "2",
            ["Controls:Magento:MaxRetryAfter"] = "00:00:00.050",

            // Only the "nothing listens" test waits for it; a refused loopback connection fails at once anyway.
            ["Controls:Magento:Database:ConnectTimeout"] = "00:00:03",
        };
        if (connectionString is not null)
        {
            defaults[$"Controls:Credentials:{CredentialName}:Database"] = connectionString;
        }

        var host = await CollectorTestHost.StartAsync("magento", CredentialName, credential, defaults.Concat(settings ?? new Dictionary<string, string?>()), time: time);
        if (magento is not null)
        {
            await host.ConnectAsync(SystemKinds.Magento, "acme-shop", magento.BaseUrl.AbsoluteUri);
        }

        return host;
    }
}
