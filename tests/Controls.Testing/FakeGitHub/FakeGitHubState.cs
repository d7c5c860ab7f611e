namespace Controls.Testing.FakeGitHub;

/// <summary>
/// What the fake GitHub API knows: one organisation with members, repositories and app installations, plus the
/// tokens it accepts. Tests build it with the fluent methods and may change it between collections (the fake
/// reads it under a lock on every request, so a change shows up as new ETags).
/// </summary>
public sealed class FakeGitHubState
{
    private readonly Lock _gate = new();

    public FakeGitHubState(string organization)
    {
        Organization = new FakeOrganization(organization);
    }

    public FakeOrganization Organization { get; }

    /// <summary>Tokens that authenticate; any other (or none) gets 401 Bad credentials.</summary>
    public HashSet<string> ValidTokens { get; } = new(StringComparer.Ordinal) { DefaultToken };

    public const string DefaultToken = "ghp_FakeGitHubTestToken0000000000000001";

    public static FakeGitHubState Create(string organization, Action<FakeOrganization>? configure = null)
    {
        var state = new FakeGitHubState(organization);
        configure?.Invoke(state.Organization);
        return state;
    }

    /// <summary>Applies a change atomically with respect to requests being served.</summary>
    public void Update(Action<FakeOrganization> change)
    {
        lock (_gate)
        {
            change(Organization);
        }
    }

    internal T Read<T>(Func<FakeOrganization, T> read)
    {
        lock (_gate)
        {
            return read(Organization);
        }
    }

    public void RevokeToken(string token)
    {
        lock (_gate)
        {
            ValidTokens.Remove(token);
        }
    }

    internal bool IsValidToken(string? token)
    {
        lock (_gate)
        {
            return token is not null && ValidTokens.Contains(token);
        }
    }
}

public sealed class FakeOrganization(string login)
{
    private long _nextId = 1000;

    public string Login { get; } = login;

    public long Id { get; } = 9000;

    public string? Name { get; set; } = login;

    public bool TwoFactorRequirementEnabled { get; set; } = true;

    /// <summary>False hides two_factor_requirement_enabled, as GitHub does for tokens of non-owners.</summary>
    public bool TwoFactorRequirementVisible { get; set; } = true;

    public string DefaultRepositoryPermission { get; set; } = "read";

    /// <summary>Behave like GitHub Enterprise versions that predate hide_secret: always send the secret literal.</summary>
    public bool IgnoresHideSecret { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = new(2019, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public List<FakeMember> Members { get; } = [];

    public List<FakeMember> OutsideCollaborators { get; } = [];

    public List<FakeRepository> Repositories { get; } = [];

    public List<FakeInstallation> Installations { get; } = [];

    /// <summary>Organisation-level rulesets; each applies to the default branch of every repository.</summary>
    public List<FakeRuleset> Rulesets { get; } = [];

    internal long NextId() => Interlocked.Increment(ref _nextId);

    public FakeOrganization Member(string login, bool admin = false, bool twoFactor = true)
    {
        Members.Add(new FakeMember(login, NextId(), admin, twoFactor));
        return this;
    }

    public FakeOrganization OutsideCollaborator(string login)
    {
        OutsideCollaborators.Add(new FakeMember(login, NextId(), false, true));
        return this;
    }

    public FakeOrganization Repository(string name, Action<FakeRepository>? configure = null)
    {
        var repository = new FakeRepository(this, name, NextId());
        configure?.Invoke(repository);
        Repositories.Add(repository);
        return this;
    }

    /// <summary>Adds <paramref name="count"/> repositories named {prefix}-0001…, configured by index (for pagination and scale).</summary>
    public FakeOrganization AddRepositories(int count, string prefix = "repo", Action<int, FakeRepository>? configure = null)
    {
        for (var i = 1; i <= count; i++)
        {
            var repository = new FakeRepository(this, $"{prefix}-{i:D4}", NextId());
            configure?.Invoke(i, repository);
            Repositories.Add(repository);
        }

        return this;
    }

    public FakeOrganization Installation(string appSlug, IReadOnlyDictionary<string, string>? permissions = null, string repositorySelection = "all", params string[] events)
    {
        Installations.Add(new FakeInstallation(NextId(), NextId(), appSlug)
        {
            Permissions = new Dictionary<string, string>(permissions ?? new Dictionary<string, string> { ["metadata"] = "read" }),
            RepositorySelection = repositorySelection,
            Events = [.. events],
        });
        return this;
    }

    public FakeOrganization Ruleset(string name, Action<FakeRuleset> configure)
    {
        var ruleset = new FakeRuleset(NextId(), name);
        configure(ruleset);
        Rulesets.Add(ruleset);
        return this;
    }

    public FakeRepository this[string name] => Repositories.Single(r => r.Name == name);
}

public sealed record FakeMember(string Login, long Id, bool Admin, bool TwoFactorEnabled);

public sealed class FakeRepository(FakeOrganization owner, string name, long id)
{
    public FakeOrganization Owner { get; } = owner;

    public string Name { get; } = name;

    public long Id { get; } = id;

    public string FullName => $"{Owner.Login}/{Name}";

    public string DefaultBranch { get; set; } = "main";

    public bool Archived { get; set; }

    public bool Fork { get; set; }

    public string Visibility { get; set; } = "private";

    public DateTimeOffset CreatedAt { get; set; } = new(2021, 6, 1, 8, 0, 0, TimeSpan.Zero);

    public FakeBranchProtection? Protection { get; set; }

    public List<FakeRuleset> Rulesets { get; } = [];

    /// <summary>Files on the default branch by path (CODEOWNERS, workflow files).</summary>
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public List<FakeWorkflow> Workflows { get; } = [];

    public bool DependabotAlertsEnabled { get; set; } = true;

    public List<FakeDependabotAlert> DependabotAlerts { get; } = [];

    public bool SecretScanningEnabled { get; set; } = true;

    public List<FakeSecretScanningAlert> SecretScanningAlerts { get; } = [];

    public FakeRepository Protect(Action<FakeBranchProtection>? configure = null)
    {
        Protection = new FakeBranchProtection();
        configure?.Invoke(Protection);
        return this;
    }

    /// <summary>Classic protection meeting every check: 2 approvals, stale dismissal, code owners, CI required, admins enforced.</summary>
    public FakeRepository ProtectFully() => Protect(p =>
    {
        p.RequiredApprovals = 2;
        p.DismissStaleReviews = true;
        p.RequireCodeOwnerReviews = true;
        p.StatusChecks.Add("ci/build");
        p.EnforceAdmins = true;
    });

    public FakeRepository Ruleset(string name, Action<FakeRuleset> configure)
    {
        var ruleset = new FakeRuleset(Owner.NextId(), name);
        configure(ruleset);
        Rulesets.Add(ruleset);
        return this;
    }

    public FakeRepository CodeOwners(string content = "* @acme/engineering\n", string path = ".github/CODEOWNERS")
    {
        Files[path] = content;
        return this;
    }

    public FakeRepository Workflow(string fileName, string yaml, string? name = null, string state = "active")
    {
        var path = $".github/workflows/{fileName}";
        Files[path] = yaml;
        Workflows.Add(new FakeWorkflow(Owner.NextId(), name ?? Path.GetFileNameWithoutExtension(fileName), path) { State = state });
        return this;
    }

    /// <summary>A CI workflow triggered on pull requests.</summary>
    public FakeRepository PullRequestWorkflow() =>
        Workflow("ci.yml", "name: CI\non:\n  pull_request:\n    branches: [main]\n  push:\n    branches: [main]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n", "CI");

    public FakeRepository DependabotAlert(int number, string severity, DateTimeOffset createdAt, string package = "lodash", string ecosystem = "npm", string? summary = null)
    {
        DependabotAlerts.Add(new FakeDependabotAlert(number, severity, createdAt, package, ecosystem)
        {
            Summary = summary ?? $"Vulnerability in {package}",
        });
        return this;
    }

    public FakeRepository SecretScanningAlert(int number, DateTimeOffset createdAt, string secretType = "stripe_api_key", string displayName = "Stripe API Key", string secret = "sk_live_FAKE_LEAKED_SECRET_do_not_store")
    {
        SecretScanningAlerts.Add(new FakeSecretScanningAlert(number, createdAt, secretType, displayName, secret));
        return this;
    }

    /// <summary>Everything a well-run repository has: full protection, CODEOWNERS, a PR workflow, no alerts.</summary>
    public FakeRepository Compliant() => ProtectFully().CodeOwners().PullRequestWorkflow();
}

/// <summary>Classic branch protection of the default branch.</summary>
public sealed class FakeBranchProtection
{
    /// <summary>Null: pull request reviews are not required at all.</summary>
    public int? RequiredApprovals { get; set; }

    public bool DismissStaleReviews { get; set; }

    public bool RequireCodeOwnerReviews { get; set; }

    public List<string> StatusChecks { get; } = [];

    public bool StrictStatusChecks { get; set; } = true;

    public bool EnforceAdmins { get; set; }

    public bool AllowForcePushes { get; set; }

    public bool AllowDeletions { get; set; }
}

/// <summary>A branch ruleset targeting the default branch.</summary>
public sealed class FakeRuleset(long id, string name)
{
    public long Id { get; } = id;

    public string Name { get; } = name;

    /// <summary>"active", "evaluate" or "disabled"; only active rulesets' rules apply.</summary>
    public string Enforcement { get; set; } = "active";

    public int? RequiredApprovals { get; set; }

    public bool DismissStaleReviewsOnPush { get; set; }

    public bool RequireCodeOwnerReview { get; set; }

    public List<string> StatusChecks { get; } = [];

    public bool BlockForcePushes { get; set; }

    public bool RestrictDeletions { get; set; }

    public List<FakeBypassActor> BypassActors { get; } = [];

    /// <summary>True leaves bypass_actors out of the ruleset, as GitHub does for tokens without write access.</summary>
    public bool HideBypassActors { get; set; }
}

public sealed record FakeBypassActor(long? ActorId, string ActorType, string BypassMode = "always");

public sealed record FakeWorkflow(long Id, string Name, string Path)
{
    public string State { get; set; } = "active";
}

public sealed record FakeDependabotAlert(int Number, string Severity, DateTimeOffset CreatedAt, string Package, string Ecosystem)
{
    public string State { get; set; } = "open";

    public string Summary { get; set; } = string.Empty;

    public string GhsaId { get; set; } = $"GHSA-{Number:D4}-fake-{Severity[..1]}";
}

public sealed record FakeSecretScanningAlert(int Number, DateTimeOffset CreatedAt, string SecretType, string DisplayName, string Secret)
{
    public string State { get; set; } = "open";

    public string Validity { get; set; } = "active";
}

public sealed record FakeInstallation(long Id, long AppId, string AppSlug)
{
    public Dictionary<string, string> Permissions { get; init; } = [];

    public string RepositorySelection { get; init; } = "all";

    public List<string> Events { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; } = new(2024, 2, 12, 9, 30, 0, TimeSpan.Zero);
}
