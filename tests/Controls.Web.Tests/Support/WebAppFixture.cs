using Controls.Testing;
using Microsoft.Playwright;

namespace Controls.Web.Tests.Support;

/// <summary>
/// One real host and one headless Chromium for the browser tests. The "acme" workspace is seeded so every
/// status appears: Pass (attested and automated), Fail with findings, Error from a failed collection, Stale
/// evidence, Needs evidence and Not applicable. "demo" is a small demo workspace.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public ControlsWebHost Host { get; } = new(new TestClock());

    public Browser Browser { get; } = new();

    public int AcmeId { get; private set; }

    public int DemoId { get; private set; }

    public string ExcludedCheckId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Host.Start();
        await SeedAcmeAsync();
        await SeedDemoAsync();
        await Browser.StartAsync(Host.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
    }

    private async Task SeedAcmeAsync()
    {
        var clock = Host.Clock;
        var now = clock.GetUtcNow();
        AcmeId = (await Host.EnsureWorkspaceAsync("acme", "Acme Retail", isDemo: false)).Id;
        Host.Organisations.Add(new SeededOrganisation(
            "acme",
            TwoFactorRequired: true,
            [new RepositoryEvidence("checkout", "main", 0), new RepositoryEvidence("storefront", "main", 1)],
            [new CollaboratorEvidence("checkout", "octo-contractor", "admin")]));
        Host.Organisations.Add(new SeededOrganisation("acme-legacy", TwoFactorRequired: true, [], [], RevokedToken: true));
        Host.Organisations.Add(new SeededOrganisation("acme-archive", TwoFactorRequired: true, [new RepositoryEvidence("old-site", "master", 1)], []));

        var acme = await Seeder.AddSystemAsync(Host, AcmeId, "acme");
        var legacy = await Seeder.AddSystemAsync(Host, AcmeId, "acme-legacy");
        var archive = await Seeder.AddSystemAsync(Host, AcmeId, "acme-archive");

        // Collected three days ago and never since: its evidence is older than the checks' 26-hour window.
        clock.Set(now.AddDays(-3));
        await Seeder.CollectAsync(Host, AcmeId, archive);
        clock.Set(now);

        var attested = Seeder.AttestedChecks(Host);
        ExcludedCheckId = attested[3].Id;
        await Seeder.ExcludeAsync(Host, AcmeId, ExcludedCheckId, "No physical office: every employee works remotely.");
        var uploads = attested
            .Select((c, i) => (c, i))
            .Where(x => x.i is not (0 or 1 or 3))
            .Select(x => (x.c.Id, x.i == 2 ? now.UtcDateTime.AddDays(-1) : now.UtcDateTime.AddDays(180)))
            .ToList();
        await Seeder.AttestAsync(Host, AcmeId, acme, uploads);

        await Seeder.CollectAsync(Host, AcmeId, acme);
        await Seeder.CollectAsync(Host, AcmeId, legacy);
    }

    private async Task SeedDemoAsync()
    {
        DemoId = (await Host.EnsureWorkspaceAsync("demo", "Demo Shop", isDemo: true)).Id;
        Host.Organisations.Add(new SeededOrganisation("demo-shop", TwoFactorRequired: true, [new RepositoryEvidence("shop", "main", 2)], []));
        var system = await Seeder.AddSystemAsync(Host, DemoId, "demo-shop");
        await Seeder.CollectAsync(Host, DemoId, system);
    }
}

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web";
}

/// <summary>Headless Debian Chromium driven by Playwright; never a downloaded browser.</summary>
public sealed class Browser : IAsyncDisposable
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseUrl = string.Empty;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task StartAsync(string baseUrl)
    {
        _baseUrl = baseUrl;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh browser context (no shared cookies or cache) opened at a path of the app.</summary>
    public async Task<BrowserPage> OpenAsync(string path)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        return new BrowserPage(context, page, response);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

public sealed class BrowserPage(IBrowserContext context, IPage page, IResponse? response) : IAsyncDisposable
{
    public IPage Page => page;

    public IResponse? Response => response;

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(Browser.ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
