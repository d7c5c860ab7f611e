using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Api.Tests.Support;

public sealed record SeededSystem(int Id, string Name, long RunId);

public sealed record SeededWorkspace(int Id, string Slug, IReadOnlyList<SeededSystem> Systems)
{
    public SeededSystem System(string name) => Systems.Single(s => s.Name == name);
}

/// <summary>
/// Builds a workspace through the real code paths: WorkspaceDirectory, ConnectedSystem rows, a CollectionRunner
/// run per system (run row, ledger append, evaluation) on the fixture platform.
/// </summary>
public sealed class WorkspaceBuilder(ApiTestFactory factory, string slug)
{
    private readonly List<(string Name, string? Credential, (string, string?)[] Repositories, string? Outage)> _systems = [];

    public WorkspaceBuilder WithSystem(string name, params (string Repository, string? Owner)[] repositories)
    {
        _systems.Add((name, null, repositories, null));
        return this;
    }

    public WorkspaceBuilder WithCredentialedSystem(string name, params (string Repository, string? Owner)[] repositories)
    {
        _systems.Add((name, ApiTestFactory.CredentialName, repositories, null));
        return this;
    }

    public WorkspaceBuilder WithUnreachableSystem(string name, string reason)
    {
        _systems.Add((name, null, [], reason));
        return this;
    }

    public async Task<SeededWorkspace> BuildAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var workspace = await services.GetRequiredService<WorkspaceDirectory>().EnsureAsync(slug, $"Workspace {slug}", isDemo: false, CancellationToken.None);
        services.GetRequiredService<CallerContext>().Set(workspace.Id, "test-seed");
        var db = services.GetRequiredService<ControlsDbContext>();

        var rows = new List<ConnectedSystem>();
        foreach (var (name, credential, repositories, outage) in _systems)
        {
            factory.Platform.Serve(name, repositories);
            if (outage is not null)
            {
                factory.Platform.FailWith(name, outage);
            }

            var row = new ConnectedSystem
            {
                WorkspaceId = workspace.Id,
                Kind = FixtureCollector.Kind,
                Name = name,
                CredentialName = credential,
                CreatedAt = factory.Clock.GetUtcNow().UtcDateTime,
            };
            db.Systems.Add(row);
            rows.Add(row);
        }

        await db.SaveChangesAsync();
        var seeded = new List<SeededSystem>();
        foreach (var row in rows)
        {
            var run = await services.GetRequiredService<CollectionRunner>().RunAsync(row.Id, "test", CancellationToken.None);
            seeded.Add(new SeededSystem(row.Id, row.Name, run.Id));
        }

        if (rows.Count == 0)
        {
            await services.GetRequiredService<EvaluationService>().EvaluateWorkspaceAsync(CancellationToken.None);
        }

        return new SeededWorkspace(workspace.Id, slug, seeded);
    }
}
