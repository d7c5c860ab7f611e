using System.Net;
using System.Text.Json.Nodes;
using Controls.Api.Tests.Support;

namespace Controls.Api.Tests.OData;

public sealed class ODataLimitTests(ApiTestFactory factory) : ApiTest(factory)
{
    public static TheoryData<string, string, string> HostileQueries => new()
    {
        { "huge $top", "/odata/Checks?$top=1000000", "1000" },
        { "deep $expand", "/odata/Checks?$expand=CurrentEvaluations($expand=Findings)", "depth" },
        { "giant $filter", "/odata/Checks?$filter=" + string.Join(" or ", Enumerable.Range(0, 120).Select(i => $"Id eq 'check-{i}'")), "node count" },
        { "unknown property in $filter", "/odata/Gaps?$filter=Bogus eq 1", "Bogus" },
        { "unknown property in $select", "/odata/Systems?$select=Token", "Token" },
        { "unknown navigation in $expand", "/odata/Checks?$expand=Secrets", "Secrets" },
        { "malformed $filter", "/odata/Gaps?$filter=Status eq", "Expression expected" },
        { "unbalanced parentheses", "/odata/Gaps?$filter=(HoursHigh gt 1", "')'" },
        { "function not allowed", "/odata/Checks?$filter=substring(Id,1) eq 'x'", "substring" },
        { "arithmetic not allowed", "/odata/Gaps?$filter=HoursHigh add 1 gt 2", "Add" },
        { "deeply nested any()", "/odata/Requirements?$filter=Checks/any(c: c/Requirements/any(r: r/Checks/any(x: x/Status eq 'Fail')))", "any" },
        { "query option not allowed", "/odata/Checks?$search=owner", "Search" },
        { "too many $orderby clauses", "/odata/Gaps?$orderby=Id,CheckId,Surface,Status,HoursLow,HoursHigh", "$orderby clauses" },
    };

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task HostileQuery_IsRejectedWith400AndAClearMessage(string kind, string url, string expected)
    {
        await Workspace("acme").WithSystem("alpha", ("checkout", null)).BuildAsync();

        using var response = await ClientFor("acme").GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{kind}: expected 400, got {(int)response.StatusCode}: {body}");
        var message = (string?)JsonNode.Parse(body)!["error"]!["message"];
        Assert.NotNull(message);
        Assert.True(message.Contains(expected, StringComparison.OrdinalIgnoreCase), $"{kind}: '{expected}' not in: {message}");
        Assert.DoesNotContain("stacktrace", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }
}
