using Controls.Collectors.Tests.Support;
using Controls.Collectors.Shopify.Client;
using Controls.Collectors.Shopify.Evidence;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Testing.FakeShopify;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.Shopify;

public sealed class ShopifyThrottlingTests : IAsyncLifetime
{
    private FakeShopifyServer _shopify = null!;
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync()
    {
        var state = TestStores.Acme();
        for (var i = 0; i < 40; i++)
        {
            state.Staff.Add(new FakeStaffMember($"gid://shopify/StaffMember/{100 + i}", $"Clerk {i}", $"clerk{i}@acme.example", "REGULAR"));
        }

        _shopify = await FakeShopifyServer.StartAsync(state);
        _host = await ShopifyTestHost.StartAsync(_shopify, settings: new Dictionary<string, string?> { ["Controls:Shopify:PageSize"] = "10" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _shopify.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Collect_WithSmallBucket_WaitsForRefillInsteadOfFailing()
    {
        // 12 points a page against a 50-point bucket refilling 25 a second: the whole run costs about twice the bucket.
        _shopify.Bucket.MaximumAvailable = 50;
        _shopify.Bucket.RestoreRate = 25;

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.True(_shopify.Bucket.TotalRequested > _shopify.Bucket.MaximumAvailable, "the run must cost more than one bucket for this test to mean anything");
        var bucket = _host.Services.GetRequiredService<ShopifyCostBuckets>().For("acme.myshopify.com");
        Assert.True(bucket.Waits > 0, "the collector should have waited for the bucket to refill");
        Assert.Contains("clerk39@acme.example", await _host.EvidenceJsonAsync(ShopifyEvidenceKinds.StaffMembers), StringComparison.Ordinal);
        Assert.DoesNotContain((await _host.EvaluationsAsync()).Values, e => e.Status == CheckStatus.Error);
    }

    [Fact]
    public async Task Collect_WhenThrottledWithHttp200_WaitsAndRetries()
    {
        _shopify.Faults.Throttle(3);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(3, _shopify.Requests.All.Count(r => r.Throttled && r.Status == 200));
        Assert.DoesNotContain((await _host.EvaluationsAsync()).Values, e => e.Status == CheckStatus.Error);
    }

    [Fact]
    public async Task Collect_WhenThrottledWithHttp429_HonoursRetryAfterAndRetries()
    {
        _shopify.Bucket.ThrottleAs429 = true;
        _shopify.Faults.Throttle(1);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Single(_shopify.Requests.All, r => r.Throttled && r.Status == 429);
        Assert.DoesNotContain((await _host.EvaluationsAsync()).Values, e => e.Status == CheckStatus.Error);
    }

    [Fact]
    public async Task Collect_WhenThrottledBeyondTheLimit_RecordsAFailureOnThatEvidenceOnly()
    {
        await _host.DisposeAsync();
        _host = await ShopifyTestHost.StartAsync(_shopify, settings: new Dictionary<string, string?> { ["Controls:Shopify:MaxThrottleRetries"] = "2" });
        _shopify.Faults.Throttle(3);

        var run = await _host.CollectAsync();

        Assert.Equal(RunOutcome.PartiallySucceeded, run.Outcome);
        var evaluations = await _host.EvaluationsAsync();
        var errors = evaluations.Values.Where(e => e.Status == CheckStatus.Error).Select(e => e.CheckId).Order(StringComparer.Ordinal).ToList();

        // The shop query is first and is the one throttled three times; every check reads the shop.
        Assert.Equal(6, errors.Count);
        Assert.Contains("Shopify kept throttling the `shop` query for acme.myshopify.com after 2 waits", CollectorTestHost.Explain(evaluations["shopify.plus-checkout-login"]), StringComparison.Ordinal);
    }
}
