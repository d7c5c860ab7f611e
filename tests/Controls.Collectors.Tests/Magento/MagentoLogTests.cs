using System.Collections.Concurrent;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Testing.FakeMagento;
using Controls.Testing.MariaDb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Controls.Collectors.Tests.Magento;

/// <summary>
/// Every log line of a collection at Trace level, HTTP client logging included, is free of tokens and passwords —
/// including the warning of the real database reader failing to connect (a loopback port nothing listens on).
/// </summary>
public sealed class MagentoLogTests : IAsyncLifetime
{
    private const string TfaCredential = "admin-tfa:" + FakeMagentoState.DefaultAdminUser + ":" + FakeMagentoState.DefaultAdminPassword + ":" + FakeMagentoState.DefaultTotpSecret;

    private const string DatabasePassword = "Db-Pa55word-Secret";

    private readonly ConcurrentQueue<string> _lines = new();
    private FakeMagentoServer _magento = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _magento = await FakeMagentoServer.StartAsync(TestInstances.Acme());
        var unreachable = $"Server=127.0.0.1;Port={MariaDbServer.FreePort()};Database=magento;User ID=controls_ro;Password={DatabasePassword};SslMode=None";
        _magento.State.RequireTwoFactorForTokens = true;
        _host = await CollectorTestHost.StartAsync("magento", MagentoTestHost.CredentialName, TfaCredential,
            new Dictionary<string, string?>
            {
                [$"Controls:Credentials:{MagentoTestHost.CredentialName}:Database"] = unreachable,
                ["Controls:Magento:RetryBaseDelay"] = "00:00:00.010",
                ["Controls:Magento:Database:ConnectTimeout"] = "00:00:03",
                ["Logging:LogLevel:Default"] = "Trace",
            },
            services: s =>
            {
                s.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(_lines)));
            });
        await _host.ConnectAsync(Compliance.Systems.SystemKinds.Magento, "acme-shop", _magento.BaseUrl.AbsoluteUri);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _magento.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Collect_LogsNeitherTheAdminPasswordNorTheIssuedTokenNorTheDatabasePassword()
    {
        _magento.State.DeniedResources.Add("Magento_Customer::customer");

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var token = Assert.Single(_magento.State.IssuedAdminTokens);
        Assert.Contains(_lines, l => l.Contains("Magento acme-shop", StringComparison.Ordinal));
        Assert.Contains(_lines, l => l.Contains("Magento acme-shop: database not reachable", StringComparison.Ordinal));
        foreach (var secret in new[] { FakeMagentoState.DefaultAdminPassword, FakeMagentoState.DefaultTotpSecret, token, DatabasePassword })
        {
            Assert.DoesNotContain(_lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}
