using Controls.Api.Tests.Support;

namespace Controls.Api.Tests.Training;

public sealed class TrainingODataTests(ApiTestFactory factory) : TrainingApiTest(factory)
{
    [Fact]
    public async Task OData_PeopleCoverageAndAssignments_AreQueryableAndListTheNeverTrained()
    {
        await Workspace("acme").BuildAsync();
        await Workspace("other").BuildAsync();
        var client = ClientFor("acme");
        await AddPersonAsync(client, new { name = "Jane Doe", email = "jane@acme.example", team = "Platform", roles = new[] { "engineering" } });
        await AddPersonAsync(client, new { name = "Omar Haddad", email = "omar@acme.example", team = "Commerce", startedOn = "2026-10-20" });
        await AddPersonAsync(client, new { name = "Li Wei", email = "li@acme.example", team = "Commerce", startedOn = "2024-01-01" });
        await AddPersonAsync(ClientFor("other"), new { name = "Someone Else", email = "else@other.example" });
        Assert.Equal(201, (await UploadCsvAsync(client, "/api/training/imports",
            "Email,Module,Completed\njane@acme.example,security-awareness,2026-09-01\nli@acme.example,security-awareness,2025-09-01\nnobody@acme.example,security-awareness,2026-09-01\n")).Status);

        var people = await GetValuesAsync(client, "/odata/People?$orderby=Name");
        var coverage = Assert.Single(await GetValuesAsync(client, "/odata/TrainingCoverage?$filter=Dimension eq 'all' and ModuleId eq 'security-awareness'"))!;
        var team = Assert.Single(await GetValuesAsync(client, "/odata/TrainingCoverage?$filter=Dimension eq 'team' and Group eq 'Commerce' and ModuleId eq 'security-awareness'"))!;
        var expired = await GetValuesAsync(client, "/odata/TrainingAssignments?$filter=State eq 'Expired'");
        var inGrace = await GetValuesAsync(client, "/odata/TrainingAssignments?$filter=State eq 'InGrace'");
        var imports = Assert.Single(await GetValuesAsync(client, "/odata/TrainingImports"))!;
        var rejection = Assert.Single(await GetValuesAsync(client, "/odata/TrainingImportRejections"))!;

        Assert.Equal(["Jane Doe", "Li Wei", "Omar Haddad"], people.Select(p => p!["Name"]!.GetValue<string>()));
        Assert.Equal((3, 1, 2, 50.0), (coverage["Assigned"]!.GetValue<int>(), coverage["InGrace"]!.GetValue<int>(), coverage["Required"]!.GetValue<int>(), coverage["Percent"]!.GetValue<double>()));
        Assert.Equal((2, 0), (team["Assigned"]!.GetValue<int>(), team["Current"]!.GetValue<int>()));
        Assert.Equal("li@acme.example", Assert.Single(expired)!["PersonKey"]!.GetValue<string>());
        Assert.All(inGrace, a => Assert.Equal("omar@acme.example", a!["PersonKey"]!.GetValue<string>()));
        Assert.Equal((2, 1), (imports["Accepted"]!.GetValue<int>(), imports["Rejected"]!.GetValue<int>()));
        Assert.Equal(4, rejection["RowNumber"]!.GetValue<int>());
        Assert.Equal(2, (await GetValuesAsync(client, "/odata/TrainingCompletions")).Count);
        Assert.Single(await GetValuesAsync(ClientFor("other"), "/odata/People"));
    }
}
