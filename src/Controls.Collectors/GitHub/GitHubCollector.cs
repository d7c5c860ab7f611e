using Controls.Compliance.Collection;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.GitHub;

/// <summary>
/// Collects a GitHub organisation (ConnectedSystem.Name is its login): organisation settings and membership,
/// every repository's default-branch protection, CODEOWNERS, pull-request workflows and open security alerts,
/// and the installed GitHub Apps. See <see cref="Evidence.GitHubEvidenceKinds"/> for what is recorded.
/// </summary>
public sealed class GitHubCollector(
    GitHubClientFactory clients,
    ControlsDbContext db,
    IOptions<GitHubOptions> options,
    ILogger<GitHubCollector> logger) : ICollector
{
    /// <summary>
    /// GitHub keeps an organisation's audit log for 180 days ("Reviewing the audit log for your organization");
    /// a platform fact, not a setting. Records needed longer must be streamed or exported elsewhere.
    /// </summary>
    public const int AuditLogRetentionDays = 180;

    /// <summary>Git events (clone, fetch, push) stay in the audit log for seven days only.</summary>
    public const int GitEventRetentionDays = 7;

    public const string AuditLogRetentionSource =
        "GitHub Docs, \"Reviewing the audit log for your organization\": events of the past 180 days; Git events 7 days";

    public string SystemKind => SystemKinds.GitHub;

    public async Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var system = context.System;
        var isDemo = await db.Workspaces.AsNoTracking()
            .Where(w => w.Id == system.WorkspaceId)
            .Select(w => w.IsDemo)
            .SingleOrDefaultAsync(cancellationToken);

        await using var session = await clients.OpenAsync(system, context.Credential, isDemo, cancellationToken);
        try
        {
            await new GitHubOrganizationReader(session, context, options.Value, logger).ReadAsync(cancellationToken);
            context.Record(Evidence.GitHubEvidenceKinds.AuditLogRetention, system.Name,
                new Evidence.AuditLogRetentionEvidence(AuditLogRetentionDays, GitEventRetentionDays, AuditLogRetentionSource));
        }
        finally
        {
            // Counted even when the run aborts: the requests were made and the rate limit spent.
            context.RequestCount += session.Counter.Requests;
            context.NotModifiedCount += session.Counter.NotModified;
        }
    }
}
