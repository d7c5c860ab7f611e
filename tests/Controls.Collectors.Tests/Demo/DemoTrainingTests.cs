using Controls.Collectors.Demo;
using Controls.Collectors.Tests.GitHub;
using Controls.Collectors.Tests.Support;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Training;
using Controls.Compliance.Workspaces;
using Controls.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Collectors.Tests.Demo;

public sealed class DemoTrainingTests : IAsyncLifetime
{
    private readonly TestClock _clock = new();
    private CollectorTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await GitHubTestHost.StartAsync(null, time: _clock, settings: new Dictionary<string, string?> { ["Controls:Demo:Enabled"] = "true" });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _host.DeleteFolder();
    }

    [Fact]
    public async Task Seed_DemoPeople_LeaveAnExpiredANeverTrainedAndAJoinerInGrace()
    {
        var info = await _host.Services.GetRequiredService<DemoWorkspaceSeeder>().EnsureCollectedAsync(CancellationToken.None);

        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(info.WorkspaceId, "test");
        var status = await scope.ServiceProvider.GetRequiredService<TrainingStatusReader>().ReadAsync(CancellationToken.None);
        var awareness = status.Assignments.Where(a => a.Module.Id == "security-awareness").ToDictionary(a => a.Person.Name, a => a.State);
        Assert.Equal(TrainingState.Expired, awareness["Lena Fischer"]);
        Assert.Equal(TrainingState.NeverTrained, awareness["Sam Okafor"]);
        Assert.Equal(TrainingState.InGrace, awareness["Priya Raman"]);
        Assert.Equal(TrainingState.Current, awareness["Maya Chen"]);
        Assert.DoesNotContain("Tom Becker", awareness.Keys);

        var db = scope.ServiceProvider.GetRequiredService<Compliance.Persistence.ControlsDbContext>();
        var coverage = await db.CheckEvaluations.AsNoTracking().Include(e => e.Findings).SingleAsync(e => e.IsCurrent && e.CheckId == "training.coverage");
        Assert.Equal(CheckStatus.Fail, coverage.Status);
        Assert.Contains(coverage.Findings, f => f.Resource == "training/security-awareness" && f.Message.Contains("77.8 % of the 9 people required", StringComparison.Ordinal));
    }
}
