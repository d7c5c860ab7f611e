using Controls.Api.Cli;
using Controls.Api.Tests.Support;

namespace Controls.Api.Tests.Cli;

public sealed class VerifyCommandTests(ApiTestFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Verify_EveryWorkspaceIntact_PrintsEachAndExitsZero()
    {
        await Workspace("acme").WithSystem("alpha", ("a", "x"), ("b", "y")).BuildAsync();
        await Workspace("bolt").WithSystem("beta", ("c", null)).BuildAsync();

        var (exitCode, output) = await RunAsync();

        Assert.Equal(0, exitCode);
        Assert.Contains("acme: intact — 2 records in 1 system chain(s)", output, StringComparison.Ordinal);
        Assert.Contains("bolt: intact — 1 records in 1 system chain(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ARecordDeletedBehindTheApplication_NamesTheBreakAndExitsOne()
    {
        var acme = await Workspace("acme").WithSystem("alpha", ("a", "x"), ("b", "y"), ("c", "z")).BuildAsync();
        await using (var connection = await Factory.Database.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM EvidenceRecords WHERE SystemId = $system AND Sequence = 2";
            command.Parameters.AddWithValue("$system", acme.System("alpha").Id);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var (exitCode, output) = await RunAsync("--workspace", "acme");

        Assert.Equal(1, exitCode);
        Assert.Contains($"acme: BROKEN at system {acme.System("alpha").Id}, sequence 2: record 2 is missing", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--workspace")]
    [InlineData("--workspace", "nobody")]
    public async Task Verify_BadUsageOrUnknownWorkspace_ExitsTwo(params string[] args)
    {
        await Workspace("acme").BuildAsync();

        var (exitCode, _) = await RunAsync(args);

        Assert.Equal(2, exitCode);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        await using var output = new StringWriter();
        var exitCode = await VerifyCommand.RunAsync(Factory.Services, args, output);
        return (exitCode, output.ToString());
    }
}
