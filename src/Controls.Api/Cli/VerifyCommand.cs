using Controls.Compliance;
using Controls.Compliance.Evidence;
using Controls.Compliance.Workspaces;

namespace Controls.Api.Cli;

/// <summary>
/// <c>dotnet run --project src/Controls.Api -- verify [--workspace slug]</c>: walks every evidence chain of every
/// workspace (or one) and prints the first break. Exit code 0 when intact, 1 on a break, 2 on bad usage — so a
/// cron job or a CI step can watch the ledger without the web host running.
/// </summary>
public static class VerifyCommand
{
    public const string Name = "verify";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var slug = WorkspaceArgument(args);
        if (slug is "")
        {
            await output.WriteLineAsync("usage: verify [--workspace <slug>]");
            return 2;
        }

        // Loads the catalog and migrates exactly as the host would, but starts no scheduler, demo or web server.
        await services.GetServices<IHostedService>().OfType<ControlsStartup>().Single().StartAsync(CancellationToken.None);

        var workspaces = await ListAsync(services);
        if (slug is not null)
        {
            workspaces = workspaces.Where(w => w.Slug == slug).ToList();
            if (workspaces.Count == 0)
            {
                await output.WriteLineAsync($"workspace '{slug}' does not exist");
                return 2;
            }
        }

        var broken = 0;
        foreach (var workspace in workspaces)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspace.Id, "cli-verify");
            var report = await scope.ServiceProvider.GetRequiredService<EvidenceVerifier>().VerifyAsync(CancellationToken.None);
            if (report.Intact)
            {
                await output.WriteLineAsync($"{workspace.Slug}: intact — {report.RecordsChecked} records in {report.SystemsChecked} system chain(s)");
            }
            else
            {
                broken++;
                var at = report.FirstBreak!;
                await output.WriteLineAsync($"{workspace.Slug}: BROKEN at system {at.SystemId}, sequence {at.Sequence}{(at.RecordId is { } id ? $" (record {id})" : string.Empty)}: {at.Reason}");
            }
        }

        return broken == 0 ? 0 : 1;
    }

    private static async Task<List<Workspace>> ListAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().ListAsync(CancellationToken.None);
    }

    /// <summary>Null: every workspace; empty: the option was given without a value.</summary>
    private static string? WorkspaceArgument(string[] args)
    {
        var index = Array.IndexOf(args, "--workspace");
        if (index < 0)
        {
            return null;
        }

        return index + 1 < args.Length ? args[index + 1] : string.Empty;
    }
}
