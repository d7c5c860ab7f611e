using Controls.Collectors.Tests.Support;
using Controls.Collectors.Shopify.Evidence;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Testing.FakeShopify;
using Microsoft.EntityFrameworkCore;

namespace Controls.Collectors.Tests.Shopify;

public sealed class ShopifyCollectionTests : IAsyncLifetime
{
    private FakeShopifyServer _shopify = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _shopify = await FakeShopifyServer.StartAsync(TestStores.Acme());
        _host = await ShopifyTestHost.StartAsync(_shopify, settings: new Dictionary<string, string?> { ["Controls:Shopify:PageSize"] = "2" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _shopify.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Collect_FullStore_RecordsEveryEvidenceKind()
    {
        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var records = await _host.InScopeAsync(async (_, db) => await db.EvidenceRecords.AsNoTracking()
            .Where(r => r.SystemId == _host.SystemId).Select(r => new { r.Kind, r.Subject, r.Outcome }).ToListAsync());
        Assert.Equal(
            [ShopifyEvidenceKinds.AppInstallations, ShopifyEvidenceKinds.Events, ShopifyEvidenceKinds.Shop, ShopifyEvidenceKinds.StaffMembers, ShopifyEvidenceKinds.WebhookSubscriptions],
            records.Select(r => r.Kind).Order(StringComparer.Ordinal));
        Assert.All(records, r =>
        {
            Assert.Equal("acme.myshopify.com", r.Subject);
            Assert.Equal(EvidenceOutcome.Collected, r.Outcome);
        });
        Assert.Equal(_shopify.Requests.All.Count, run.RequestCount);
    }

    [Fact]
    public async Task Collect_FullStore_ProducesExactFindings()
    {
        await _host.SetParameterAsync("shopify.security-webhooks-monitored", "monitoredEndpointPrefixes", "[\"https://siem.acme.example/\"]");

        await _host.CollectAsync();

        var evaluations = await _host.EvaluationsAsync();
        string[] Findings(string id) => [.. evaluations[id].Findings.Select(f => $"{f.Resource} | {f.Message}").Order(StringComparer.Ordinal)];

        Assert.Equal(CheckStatus.Fail, evaluations["shopify.staff-accounts-cleaned-up"].Status);
        Assert.Equal(
            [
                "acme.myshopify.com/staff/bob@acme.example | acme.myshopify.com: staff account `Bob Leaver <bob@acme.example>` is deactivated but not removed",
                "acme.myshopify.com/staff/carol@acme.example | acme.myshopify.com: staff account `Carol Invitee <carol@acme.example>` is still invited and was never completed or withdrawn",
            ],
            Findings("shopify.staff-accounts-cleaned-up"));
        Assert.Equal(CheckStatus.Fail, evaluations["shopify.collaborators-limited"].Status);
        Assert.Equal(
            ["acme.myshopify.com/staff/dev@pixelagency.example | acme.myshopify.com: collaborator `Pixel Agency <dev@pixelagency.example>` has admin access without approval (1 unapproved, at most 0 allowed)"],
            Findings("shopify.collaborators-limited"));
        Assert.Equal(CheckStatus.Fail, evaluations["shopify.security-webhooks-monitored"].Status);
        Assert.Equal(
            ["acme.myshopify.com/webhooks/SHOP_UPDATE | acme.myshopify.com: SHOP_UPDATE is delivered to http://hooks.acme.example/shop-update, which is not a monitored https endpoint (https://siem.acme.example/)"],
            Findings("shopify.security-webhooks-monitored"));
        Assert.Equal(CheckStatus.Pass, evaluations["shopify.audit-trail-coverage"].Status);
        Assert.Equal(
            "acme.myshopify.com: 3 event(s) in the last 30 days: 1 by staff, 1 by apps, 1 unattributed. " +
            "Shopify keeps events 365 days (a platform fact); longer retention needs an export to another store.",
            evaluations["shopify.audit-trail-coverage"].Summary);
        Assert.Equal(CheckStatus.Pass, evaluations["shopify.plus-checkout-login"].Status);
    }

    [Fact]
    public async Task Collect_WithSmallPages_FollowsCursorsAcrossEveryPage()
    {
        await _host.CollectAsync();

        var staffPages = _shopify.Requests.All.Where(r => r.Field == "staffMembers").ToList();
        Assert.Equal(3, staffPages.Count);
        Assert.Null(staffPages[0].After);
        Assert.All(staffPages, p => Assert.Equal(2, p.First));
        Assert.Equal(3, staffPages.Select(p => p.After).Distinct().Count());
        var staff = await _host.EvidenceJsonAsync(ShopifyEvidenceKinds.StaffMembers);
        foreach (var email in _shopify.State.Staff.Select(s => s.Email))
        {
            Assert.Contains(email, staff, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Collect_SendsTheConfiguredApiVersionAndToken()
    {
        _shopify.State.UseToken("shpat_other_token_value_0000000000");
        await _host.DisposeAsync();
        _host = await ShopifyTestHost.StartAsync(_shopify, token: "shpat_other_token_value_0000000000",
            settings: new Dictionary<string, string?> { ["Controls:Shopify:ApiVersion"] = "2025-07" });

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.All(_shopify.Requests.All, r => Assert.Equal("2025-07", r.Version));
    }
}
