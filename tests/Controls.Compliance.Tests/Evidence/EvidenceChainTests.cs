using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Controls.Compliance.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Compliance.Tests.Evidence;

public sealed class EvidenceChainTests : IAsyncLifetime
{
    private ComplianceHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ComplianceHost.StartAsync();
        _host.Platform.Widgets["w3"] = false;
        await _host.CollectAsync();
        _host.Platform.Widgets["w3"] = true;
        await _host.CollectAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Verify_OnAnUntouchedLedger_IsIntact()
    {
        var report = await VerifyAsync();

        Assert.True(report.Intact, report.FirstBreak?.Reason);
        Assert.Equal(6, report.RecordsChecked);
    }

    [Fact]
    public async Task Collect_UnchangedContent_IsStoredOnceButObservedEveryRun()
    {
        await _host.CollectAsync();

        var (records, contents) = await _host.InWorkspaceAsync(async sp =>
        {
            var db = sp.GetRequiredService<ControlsDbContext>();
            return (await db.EvidenceRecords.CountAsync(), await db.EvidenceContents.CountAsync());
        });
        Assert.Equal(9, records);
        Assert.Equal(4, contents); // w1, w2, w3 locked, w3 unlocked
    }

    [Fact]
    public async Task Verify_WhenContentIsEditedInTheDatabase_ReportsTheFirstAlteredRecord()
    {
        await ExecuteRawAsync("UPDATE EvidenceContents SET Json = replace(Json, 'false', 'true') WHERE Json LIKE '%\"locked\":false%'");

        var report = await VerifyAsync();

        Assert.False(report.Intact);
        Assert.Equal(3, report.FirstBreak!.Sequence);
        Assert.Contains("content was altered", report.FirstBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenRecordFieldsAreEdited_ReportsTheChainHashMismatch()
    {
        await ExecuteRawAsync("UPDATE EvidenceRecords SET Subject = 'acme-logs/w9' WHERE Sequence = 2");

        var report = await VerifyAsync();

        Assert.Equal(2, report.FirstBreak!.Sequence);
        Assert.Contains("fields were altered", report.FirstBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenAMiddleRecordIsDeleted_ReportsTheMissingSequence()
    {
        await ExecuteRawAsync("DELETE FROM EvidenceRecords WHERE Sequence = 4");

        var report = await VerifyAsync();

        Assert.Equal(4, report.FirstBreak!.Sequence);
        Assert.Contains("missing", report.FirstBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenTheTailIsDeleted_ReportsRecordsDeletedAgainstTheRunsHead()
    {
        await ExecuteRawAsync("DELETE FROM EvidenceRecords WHERE Sequence > 4");

        var report = await VerifyAsync();

        Assert.Equal(5, report.FirstBreak!.Sequence);
        Assert.Contains("deleted", report.FirstBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WhenARecordIsRehashedAfterEditing_StillBreaksAtTheNextLink()
    {
        // A tamperer who recomputes the edited record's own hash still breaks the next record's link.
        await _host.InWorkspaceAsync(async sp =>
        {
            var db = sp.GetRequiredService<ControlsDbContext>();
            var record = await db.EvidenceRecords.AsNoTracking().SingleAsync(r => r.Sequence == 2);
            record.Subject = "acme-logs/forged";
            var forged = EvidenceChain.ComputeHash(record);
            await ExecuteRawAsync($"UPDATE EvidenceRecords SET Subject = 'acme-logs/forged', ChainHash = '{forged}' WHERE Sequence = 2");
        });

        var report = await VerifyAsync();

        Assert.Equal(3, report.FirstBreak!.Sequence);
        Assert.Contains("previous-hash", report.FirstBreak.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Application_RefusesToUpdateOrDeleteEvidence()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _host.InWorkspaceAsync(async sp =>
        {
            var db = sp.GetRequiredService<ControlsDbContext>();
            var record = await db.EvidenceRecords.FirstAsync();
            db.EvidenceRecords.Remove(record);
            await db.SaveChangesAsync();
        }));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public void CanonicalJson_HashesTheSameStateTheSameWhateverTheFieldOrder()
    {
        var a = CanonicalJson.Canonicalize(System.Text.Json.Nodes.JsonNode.Parse("""{"b":1,"a":{"y":[2,1],"x":null}}"""));
        var b = CanonicalJson.Canonicalize(System.Text.Json.Nodes.JsonNode.Parse("""{ "a": {"x": null, "y": [2, 1]}, "b": 1 }"""));

        Assert.Equal(a, b);
        Assert.Equal("""{"a":{"x":null,"y":[2,1]},"b":1}""", a);
    }

    private Task<VerificationReport> VerifyAsync() =>
        _host.InWorkspaceAsync(sp => sp.GetRequiredService<EvidenceVerifier>().VerifyAsync(CancellationToken.None));

    private async Task ExecuteRawAsync(string sql)
    {
        // Tampering happens outside the application, straight on the database file.
        await using var connection = new SqliteConnection($"Data Source={_host.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync() > 0, "the tampering statement changed nothing");
    }
}
