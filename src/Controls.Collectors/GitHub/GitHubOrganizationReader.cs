using System.Collections.Concurrent;
using System.Net;
using Controls.Collectors.GitHub.Evidence;
using Controls.Collectors.GitHub.Wire;
using Controls.Compliance.Collection;
using Microsoft.Extensions.Logging;
using Octokit;

namespace Controls.Collectors.GitHub;

/// <summary>
/// One run's reading of one organisation. The organisation itself must be readable or the run aborts; every
/// other piece that cannot be read becomes a recorded collection failure for its own evidence kind and subject,
/// so the checks that need it show Error while the rest still evaluate.
/// </summary>
internal sealed class GitHubOrganizationReader(GitHubSession session, CollectionContext context, GitHubOptions options, ILogger logger)
{
    private static readonly string[] CodeOwnersLocations = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

    private readonly string _org = context.System.Name;
    private readonly ConcurrentDictionary<long, Lazy<Task<RulesetWire?>>> _orgRulesets = new();
    private CancellationToken _runCancellation;

    private GitHubClient Client => session.Client;

    private ApiConnection Api => session.Api;

    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        _runCancellation = cancellationToken;
        var organization = await ReadOrganizationAsync();
        var members = await TryAsync(() => Client.Organization.Member.GetAll(_org, Paged()));
        if (members.Failure is { } memberFailure)
        {
            logger.LogWarning("Could not list the members of {Org}: {Reason}", _org, memberFailure.Reason);
        }

        context.Record(GitHubEvidenceKinds.Organization, _org, new OrganizationEvidence(
            organization.Login,
            organization.Name,
            organization.TwoFactorRequirementEnabled,
            members.Value?.Count,
            organization.PublicRepos,
            organization.TotalPrivateRepos,
            organization.DefaultRepositoryPermission));

        var admins = await RecordMembersAsync(GitHubEvidenceKinds.OrgAdmins, () => Client.Organization.Member.GetAll(_org, OrganizationMembersRole.Admin, Paged()), Explain2faOrAdmins);
        await RecordMembersAsync(
            GitHubEvidenceKinds.MembersWithout2fa,
            () => Client.Organization.Member.GetAll(_org, OrganizationMembersFilter.TwoFactorAuthenticationDisabled, Paged()),
            Explain2faOrAdmins);
        var collaborators = await RecordMembersAsync(GitHubEvidenceKinds.OutsideCollaborators, () => Client.Organization.OutsideCollaborator.GetAll(_org, Paged()), static _ => null);
        RecordMemberAccounts(members, admins, collaborators);

        await ReadRepositoriesAsync(cancellationToken);
        await ReadInstallationsAsync();
    }

    private async Task<OrganizationWire> ReadOrganizationAsync()
    {
        try
        {
            return await Api.Get<OrganizationWire>(new Uri($"orgs/{Escape(_org)}", UriKind.Relative));
        }
        catch (NotFoundException)
        {
            throw new CollectionAbortedException(
                $"GitHub has no organisation '{_org}' that this token can see (404). Check the system's name (the organisation login) and the token's organisation access.");
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            throw new CollectionAbortedException($"Could not read GitHub organisation '{_org}': {GitHubFailures.Describe(ex, options).Reason}", ex);
        }
    }

    private async Task<IReadOnlyList<User>?> RecordMembersAsync(string kind, Func<Task<IReadOnlyList<User>>> read, Func<ApiException, string?> explain)
    {
        var result = await TryAsync(read, explain);
        if (result.Failure is { } failure)
        {
            context.RecordFailure(kind, _org, failure);
            return null;
        }

        context.Record(kind, _org, new MemberListEvidence(result.Value!.Select(u => u.Login).Order(StringComparer.Ordinal).ToList()));
        return result.Value;
    }

    /// <summary>
    /// Every account with access, for access reviews: the member list joined with the owners list, plus outside
    /// collaborators. Without the owners list the roles are unknown, and a list that calls every owner a member
    /// would mislead a reviewer; without the collaborators it is incomplete. Either way the accounts are then a
    /// recorded failure rather than a guess.
    /// </summary>
    private void RecordMemberAccounts((IReadOnlyList<User>? Value, CollectionFailure? Failure) members, IReadOnlyList<User>? admins, IReadOnlyList<User>? collaborators)
    {
        if (members.Failure is { } failure)
        {
            context.RecordFailure(GitHubEvidenceKinds.OrgMembers, _org, failure);
            return;
        }

        if (admins is null)
        {
            context.RecordFailure(GitHubEvidenceKinds.OrgMembers, _org, new CollectionFailure(
                "The organisation's owners could not be listed, so members' roles are unknown (only an owner's token may list members by role)"));
            return;
        }

        if (collaborators is null)
        {
            context.RecordFailure(GitHubEvidenceKinds.OrgMembers, _org, new CollectionFailure(
                "The organisation's outside collaborators could not be listed, so the list of accounts with access is incomplete"));
            return;
        }

        var owners = admins.Select(a => a.Id).ToHashSet();
        context.Record(GitHubEvidenceKinds.OrgMembers, _org, new MemberAccountsEvidence(members.Value!
            .Select(m => new MemberAccountEvidence(m.Login, m.Id, owners.Contains(m.Id) ? GitHubOrgRoles.Owner : GitHubOrgRoles.Member))
            .Concat(collaborators.Select(c => new MemberAccountEvidence(c.Login, c.Id, GitHubOrgRoles.OutsideCollaborator)))
            .OrderBy(m => m.Login, StringComparer.Ordinal)
            .ToList()));
    }

    private static string? Explain2faOrAdmins(ApiException ex) => ex.StatusCode switch
    {
        HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity =>
            "Only organisation owners may list members by two-factor status or role; the configured token does not belong to an owner (or lacks read:org / Members: read)",
        _ => null,
    };

    private async Task ReadRepositoriesAsync(CancellationToken cancellationToken)
    {
        var listed = await TryAsync(() => Client.Repository.GetAllForOrg(_org, Paged()));
        if (listed.Failure is { } failure)
        {
            // Without the list no repository check can be evaluated; they all show this reason as Error.
            var reason = failure with { Reason = $"The organisation's repositories could not be listed: {failure.Reason}" };
            context.RecordFailure(GitHubEvidenceKinds.Repository, _org, reason);
            context.RecordFailure(GitHubEvidenceKinds.DependabotAlerts, _org, reason);
            context.RecordFailure(GitHubEvidenceKinds.SecretScanningAlerts, _org, reason);
            return;
        }

        var repositories = listed.Value!.OrderBy(r => r.FullName, StringComparer.Ordinal).ToList();
        var outcomes = new RepositoryOutcome?[repositories.Count];
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, repositories.Count),
                new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelRepositories, CancellationToken = cancellationToken },
                async (index, _) => outcomes[index] = await ReadRepositoryAsync(repositories[index]));
        }
        finally
        {
            // Recorded in a stable order after the parallel reads (CollectionContext is not thread-safe). When the
            // run aborts part-way (rate limit, revoked token), what was read is still recorded: it is a true
            // observation, and the failed run keeps the checks at Error anyway.
            foreach (var outcome in outcomes.OfType<RepositoryOutcome>())
            {
                outcome.Repository.RecordTo(context, GitHubEvidenceKinds.Repository, outcome.FullName);
                outcome.Dependabot?.RecordTo(context, GitHubEvidenceKinds.DependabotAlerts, outcome.FullName);
                outcome.SecretScanning?.RecordTo(context, GitHubEvidenceKinds.SecretScanningAlerts, outcome.FullName);
            }
        }

        var archived = outcomes.Count(o => o!.Archived);
        logger.LogInformation("Read {Count} repositories of {Org} ({Archived} archived, skipped)", repositories.Count, _org, archived);
    }

    private async Task<RepositoryOutcome> ReadRepositoryAsync(Repository repository)
    {
        var fullName = repository.FullName;
        var owner = repository.Owner?.Login ?? _org;
        var name = repository.Name;
        var defaultBranch = repository.DefaultBranch ?? "main";
        var visibility = repository.Visibility?.ToString().ToLowerInvariant() ?? (repository.Private ? "private" : "public");

        if (repository.Archived)
        {
            // Archived repositories are read-only: nobody can push, so protection and alerts are not collected.
            return new RepositoryOutcome(
                fullName,
                Outcome<object>.Success(new RepositoryEvidence(fullName, defaultBranch, true, repository.Fork, visibility, null, null, null)),
                null,
                null,
                Archived: true);
        }

        Outcome<object> evidence;
        try
        {
            var protection = await PartAsync($"Protection of default branch `{defaultBranch}`", () => ReadProtectionAsync(owner, name, defaultBranch));
            var codeOwners = await PartAsync("CODEOWNERS lookup", () => ReadCodeOwnersAsync(owner, name));
            var workflows = await PartAsync("Actions workflows", () => ReadWorkflowsAsync(owner, name));
            evidence = Outcome<object>.Success(new RepositoryEvidence(fullName, defaultBranch, false, repository.Fork, visibility, protection, codeOwners, workflows));
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            evidence = Outcome<object>.Failed(GitHubFailures.Describe(ex, options));
        }

        var dependabot = await ReadAlertsAsync(
            () => Api.GetAll<DependabotAlertWire>(
                new Uri($"repos/{Escape(owner)}/{Escape(name)}/dependabot/alerts", UriKind.Relative),
                new Dictionary<string, string> { ["state"] = "open", ["per_page"] = "100" }),
            alerts => new DependabotAlertsEvidence(alerts
                .Select(a => new DependabotAlertEvidence(
                    a.Number,
                    (a.SecurityAdvisory?.Severity ?? a.SecurityVulnerability?.Severity ?? "unknown").ToLowerInvariant(),
                    a.Dependency?.Package?.Name,
                    a.Dependency?.Package?.Ecosystem,
                    a.SecurityAdvisory?.GhsaId,
                    a.SecurityAdvisory?.Summary,
                    a.CreatedAt,
                    a.HtmlUrl))
                .OrderBy(a => a.Number)
                .ToList()),
            forbidden: message => message.Contains("disabled", StringComparison.OrdinalIgnoreCase)
                ? "Dependabot alerts are disabled for this repository"
                : "The token may not read Dependabot alerts (it needs the security_events scope or Dependabot alerts: read)",
            notFound: "Dependabot alerts are not available for this repository: they are disabled, or the token cannot see them");

        var secretScanning = await ReadAlertsAsync(
            () => Api.GetAll<SecretScanningAlertWire>(
                new Uri($"repos/{Escape(owner)}/{Escape(name)}/secret-scanning/alerts", UriKind.Relative),
                new Dictionary<string, string> { ["state"] = "open", ["per_page"] = "100", ["hide_secret"] = "true" }),
            alerts => new SecretScanningAlertsEvidence(alerts
                .Select(a => new SecretScanningAlertEvidence(a.Number, a.SecretTypeDisplayName ?? a.SecretType ?? "unknown", a.CreatedAt, a.Validity, a.HtmlUrl))
                .OrderBy(a => a.Number)
                .ToList()),
            forbidden: message => message.Contains("disabled", StringComparison.OrdinalIgnoreCase)
                ? "Secret scanning is disabled for this repository"
                : "The token may not read secret-scanning alerts (it needs the security_events scope or Secret scanning alerts: read)",
            notFound: "Secret scanning is disabled for this repository, or the token cannot see its alerts");

        return new RepositoryOutcome(fullName, evidence, dependabot, secretScanning, Archived: false);
    }

    /// <summary>Runs one part of a repository's reading, naming the part in the failure it may become.</summary>
    private async Task<T> PartAsync<T>(string part, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (Exception ex) when (IsItemFailure(ex) && ex is not GitHubItemException)
        {
            var failure = ex is ApiException { StatusCode: HttpStatusCode.NotFound or HttpStatusCode.Forbidden } api && part.StartsWith("Protection", StringComparison.Ordinal)
                ? new CollectionFailure(
                    "GitHub shows branch protection only to tokens with admin access to the repository (classic token: repo scope; fine-grained: Administration: read)",
                    (int)api.StatusCode,
                    GitHubFailures.Trim(api.ApiError?.Message))
                : GitHubFailures.Describe(ex, options);
            throw new GitHubItemException(failure with { Reason = $"{part}: {failure.Reason}" }, ex);
        }
    }

    private async Task<EffectiveProtection> ReadProtectionAsync(string owner, string name, string branch)
    {
        BranchProtectionSettings? classic;
        try
        {
            classic = await Client.Repository.Branch.GetBranchProtection(owner, name, branch);
        }
        catch (NotFoundException ex) when (ex.Message.Contains("not protected", StringComparison.OrdinalIgnoreCase)
                                           || ex.Message.Contains("Branch not found", StringComparison.OrdinalIgnoreCase))
        {
            // GitHub's way of saying "no classic protection rule": a fact about the branch, not an error.
            classic = null;
        }

        var rules = await Api.GetAll<BranchRuleWire>(
            new Uri($"repos/{Escape(owner)}/{Escape(name)}/rules/branches/{Escape(branch)}", UriKind.Relative),
            new Dictionary<string, string> { ["per_page"] = "100" });

        var rulesets = new List<RulesetEvidence>();
        foreach (var group in rules.GroupBy(r => r.RulesetId).OrderBy(g => g.Key))
        {
            var first = group.First();
            var detail = await ReadRulesetAsync(owner, name, first);
            rulesets.Add(new RulesetEvidence(
                group.Key,
                detail?.Name,
                first.RulesetSourceType ?? "Repository",
                first.RulesetSource ?? $"{owner}/{name}",
                group.Select(r => r.Type).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                detail?.BypassActors?.Select(a => $"{a.ActorType}:{a.ActorId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}:{a.BypassMode}")
                    .Order(StringComparer.Ordinal)
                    .ToList()));
        }

        return ProtectionCalculator.Combine(classic, rules, rulesets);
    }

    /// <summary>A ruleset's bypass list; null when GitHub will not show it to this token (a fact to report, not an error).</summary>
    private Task<RulesetWire?> ReadRulesetAsync(string owner, string name, BranchRuleWire rule)
    {
        switch (rule.RulesetSourceType)
        {
            case "Organization":
                // Organisation rulesets apply to many repositories: read each once per run.
                return _orgRulesets.GetOrAdd(rule.RulesetId, id => new Lazy<Task<RulesetWire?>>(
                    () => TryReadRulesetAsync(new Uri($"orgs/{Escape(_org)}/rulesets/{id}", UriKind.Relative)))).Value;
            case null or "Repository":
                return TryReadRulesetAsync(new Uri($"repos/{Escape(owner)}/{Escape(name)}/rulesets/{rule.RulesetId}", UriKind.Relative));
            default:
                return Task.FromResult<RulesetWire?>(null);
        }
    }

    private async Task<RulesetWire?> TryReadRulesetAsync(Uri uri)
    {
        try
        {
            return await Api.Get<RulesetWire>(uri);
        }
        catch (ApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            return null;
        }
    }

    private async Task<CodeOwnersEvidence> ReadCodeOwnersAsync(string owner, string name)
    {
        // GitHub uses the first CODEOWNERS it finds in this order.
        foreach (var path in CodeOwnersLocations)
        {
            try
            {
                var contents = await Client.Repository.Content.GetAllContents(owner, name, path);
                var file = contents.FirstOrDefault(c => c.Type.Value == ContentType.File);
                if (file is null)
                {
                    continue;
                }

                var rules = (file.Content ?? string.Empty)
                    .Split('\n')
                    .Select(line => line.Trim())
                    .Count(line => line.Length > 0 && !line.StartsWith('#'));
                return new CodeOwnersEvidence(path, rules);
            }
            catch (NotFoundException)
            {
                // Absent here (or the repository is empty): try the next location.
            }
        }

        return new CodeOwnersEvidence(null, 0);
    }

    private async Task<IReadOnlyList<WorkflowEvidence>> ReadWorkflowsAsync(string owner, string name)
    {
        var pages = await Api.GetAll<WorkflowsPageWire>(
            new Uri($"repos/{Escape(owner)}/{Escape(name)}/actions/workflows", UriKind.Relative),
            new Dictionary<string, string> { ["per_page"] = "100" });

        var workflows = new List<WorkflowEvidence>();
        foreach (var workflow in pages.SelectMany(p => p.Workflows).OrderBy(w => w.Path, StringComparer.Ordinal))
        {
            IReadOnlyList<string> triggers = [];

            // Dynamic workflows (CodeQL default setup, Dependabot updates) have no file to read.
            if (workflow.State == "active" && workflow.Path.StartsWith(".github/workflows/", StringComparison.Ordinal))
            {
                try
                {
                    var contents = await Client.Repository.Content.GetAllContents(owner, name, workflow.Path);
                    triggers = WorkflowTriggers.Parse(contents.Count > 0 ? contents[0].Content : null);
                }
                catch (NotFoundException)
                {
                    // Registered but deleted from the default branch: it can no longer run.
                }
            }

            workflows.Add(new WorkflowEvidence(workflow.Path, workflow.Name, workflow.State, triggers));
        }

        return workflows;
    }

    private async Task<Outcome<object>> ReadAlertsAsync<TWire>(
        Func<Task<IReadOnlyList<TWire>>> read,
        Func<IReadOnlyList<TWire>, object> normalise,
        Func<string, string> forbidden,
        string notFound)
    {
        try
        {
            return Outcome<object>.Success(normalise(await read()));
        }
        catch (ForbiddenException ex)
        {
            return Outcome<object>.Failed(new CollectionFailure(forbidden(ex.ApiError?.Message ?? ex.Message), 403, GitHubFailures.Trim(ex.ApiError?.Message)));
        }
        catch (NotFoundException ex)
        {
            return Outcome<object>.Failed(new CollectionFailure(notFound, 404, GitHubFailures.Trim(ex.ApiError?.Message)));
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            return Outcome<object>.Failed(GitHubFailures.Describe(ex, options));
        }
    }

    private async Task ReadInstallationsAsync()
    {
        var result = await TryAsync(
            () => Api.GetAll<InstallationsPageWire>(
                new Uri($"orgs/{Escape(_org)}/installations", UriKind.Relative),
                new Dictionary<string, string> { ["per_page"] = "100" }),
            ex => ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound
                ? "Listing the organisation's GitHub App installations needs an owner's token (admin:read:org / Administration: read)"
                : null);
        if (result.Failure is { } failure)
        {
            context.RecordFailure(GitHubEvidenceKinds.AppInstallations, _org, failure);
            return;
        }

        var installations = result.Value!
            .SelectMany(p => p.Installations)
            .Select(i => new AppInstallationEvidence(
                i.Id,
                i.AppSlug,
                i.RepositorySelection ?? "unknown",
                new SortedDictionary<string, string>(i.Permissions ?? [], StringComparer.Ordinal),
                (i.Events ?? []).Order(StringComparer.Ordinal).ToList(),
                i.CreatedAt,
                i.SuspendedAt is not null))
            .OrderBy(i => i.AppSlug, StringComparer.Ordinal)
            .ThenBy(i => i.Id)
            .ToList();
        context.Record(GitHubEvidenceKinds.AppInstallations, _org, new AppInstallationsEvidence(installations));
    }

    private async Task<(T? Value, CollectionFailure? Failure)> TryAsync<T>(Func<Task<T>> read, Func<ApiException, string?>? explain = null)
        where T : class
    {
        try
        {
            return (await read(), null);
        }
        catch (ApiException ex) when (explain?.Invoke(ex) is { } reason)
        {
            return (null, new CollectionFailure(reason, (int)ex.StatusCode, GitHubFailures.Trim(ex.ApiError?.Message)));
        }
        catch (Exception ex) when (IsItemFailure(ex))
        {
            return (null, GitHubFailures.Describe(ex, options));
        }
    }

    /// <summary>
    /// Failures that belong to one item. An abort (401, rate limit) or the run's own cancellation end the run; a
    /// request timeout (also an OperationCanceledException) is only that item's failure.
    /// </summary>
    private bool IsItemFailure(Exception ex) => ex is not CollectionAbortedException && !(ex is OperationCanceledException && _runCancellation.IsCancellationRequested);

    private static ApiOptions Paged() => new() { PageSize = 100 };

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private sealed record RepositoryOutcome(string FullName, Outcome<object> Repository, Outcome<object>? Dependabot, Outcome<object>? SecretScanning, bool Archived);
}

/// <summary>Either normalised evidence content or the reason it could not be collected.</summary>
internal sealed record Outcome<T>(T? Content, CollectionFailure? Failure)
    where T : class
{
    public static Outcome<T> Success(T content) => new(content, null);

    public static Outcome<T> Failed(CollectionFailure failure) => new(null, failure);

    public void RecordTo(CollectionContext context, string kind, string subject)
    {
        if (Failure is not null)
        {
            context.RecordFailure(kind, subject, Failure);
        }
        else
        {
            context.Record(kind, subject, Content!);
        }
    }
}
