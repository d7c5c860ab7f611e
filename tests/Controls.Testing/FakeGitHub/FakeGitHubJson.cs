using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Controls.Testing.FakeGitHub;

/// <summary>
/// Renders the fake's state in GitHub's REST wire shapes (field names and nesting as in the REST reference
/// and its example responses), with the URL fields pointing back at the fake itself.
/// </summary>
internal sealed class FakeGitHubJson(string apiBase)
{
    private const string Docs = "https://docs.github.com/rest";

    private string Api(string path) => apiBase + path;

    public static JsonObject Error(string message, string documentationUrl, int status) => new()
    {
        ["message"] = message,
        ["documentation_url"] = documentationUrl,
        ["status"] = status.ToString(CultureInfo.InvariantCulture),
    };

    public static JsonObject NotFound(string documentation = Docs) => Error("Not Found", documentation, 404);

    public JsonObject Organization(FakeOrganization org)
    {
        var json = new JsonObject
        {
            ["login"] = org.Login,
            ["id"] = org.Id,
            ["node_id"] = NodeId("O", org.Id),
            ["url"] = Api($"orgs/{org.Login}"),
            ["repos_url"] = Api($"orgs/{org.Login}/repos"),
            ["members_url"] = Api($"orgs/{org.Login}/members{{/member}}"),
            ["avatar_url"] = $"https://avatars.githubusercontent.com/u/{org.Id}?v=4",
            ["description"] = $"{org.Name} engineering",
            ["name"] = org.Name,
            ["company"] = null,
            ["blog"] = $"https://{org.Login}.example",
            ["is_verified"] = false,
            ["has_organization_projects"] = true,
            ["has_repository_projects"] = true,
            ["public_repos"] = org.Repositories.Count(r => r.Visibility == "public"),
            ["public_gists"] = 0,
            ["followers"] = 0,
            ["following"] = 0,
            ["html_url"] = $"https://github.com/{org.Login}",
            ["created_at"] = Time(org.CreatedAt),
            ["updated_at"] = Time(org.CreatedAt.AddDays(400)),
            ["archived_at"] = null,
            ["type"] = "Organization",
            ["total_private_repos"] = org.Repositories.Count(r => r.Visibility != "public"),
            ["owned_private_repos"] = org.Repositories.Count(r => r.Visibility != "public"),
            ["private_gists"] = 0,
            ["disk_usage"] = 10240,
            ["collaborators"] = org.OutsideCollaborators.Count,
            ["default_repository_permission"] = org.DefaultRepositoryPermission,
            ["members_can_create_repositories"] = false,
            ["plan"] = new JsonObject { ["name"] = "team", ["space"] = 976562499, ["private_repos"] = 999999, ["filled_seats"] = org.Members.Count, ["seats"] = 50 },
        };
        if (org.TwoFactorRequirementVisible)
        {
            json["two_factor_requirement_enabled"] = org.TwoFactorRequirementEnabled;
        }

        return json;
    }

    public JsonObject User(FakeMember member) => new()
    {
        ["login"] = member.Login,
        ["id"] = member.Id,
        ["node_id"] = NodeId("U", member.Id),
        ["avatar_url"] = $"https://avatars.githubusercontent.com/u/{member.Id}?v=4",
        ["gravatar_id"] = string.Empty,
        ["url"] = Api($"users/{member.Login}"),
        ["html_url"] = $"https://github.com/{member.Login}",
        ["followers_url"] = Api($"users/{member.Login}/followers"),
        ["repos_url"] = Api($"users/{member.Login}/repos"),
        ["type"] = "User",
        ["user_view_type"] = "public",
        ["site_admin"] = false,
    };

    public JsonObject Repository(FakeRepository repo) => new()
    {
        ["id"] = repo.Id,
        ["node_id"] = NodeId("R", repo.Id),
        ["name"] = repo.Name,
        ["full_name"] = repo.FullName,
        ["private"] = repo.Visibility != "public",
        ["owner"] = new JsonObject
        {
            ["login"] = repo.Owner.Login,
            ["id"] = repo.Owner.Id,
            ["node_id"] = NodeId("O", repo.Owner.Id),
            ["url"] = Api($"users/{repo.Owner.Login}"),
            ["html_url"] = $"https://github.com/{repo.Owner.Login}",
            ["type"] = "Organization",
            ["site_admin"] = false,
        },
        ["html_url"] = $"https://github.com/{repo.FullName}",
        ["description"] = $"{repo.Name} service",
        ["fork"] = repo.Fork,
        ["url"] = Api($"repos/{repo.FullName}"),
        ["created_at"] = Time(repo.CreatedAt),
        ["updated_at"] = Time(repo.CreatedAt.AddDays(30)),
        ["pushed_at"] = Time(repo.CreatedAt.AddDays(31)),
        ["git_url"] = $"git://github.com/{repo.FullName}.git",
        ["ssh_url"] = $"git@github.com:{repo.FullName}.git",
        ["clone_url"] = $"https://github.com/{repo.FullName}.git",
        ["homepage"] = null,
        ["size"] = 2048,
        ["stargazers_count"] = 0,
        ["watchers_count"] = 0,
        ["language"] = "C#",
        ["has_issues"] = true,
        ["has_projects"] = false,
        ["has_downloads"] = true,
        ["has_wiki"] = false,
        ["has_pages"] = false,
        ["has_discussions"] = false,
        ["forks_count"] = 0,
        ["archived"] = repo.Archived,
        ["disabled"] = false,
        ["open_issues_count"] = 0,
        ["license"] = null,
        ["allow_forking"] = false,
        ["is_template"] = false,
        ["web_commit_signoff_required"] = false,
        ["topics"] = new JsonArray(),
        ["visibility"] = repo.Visibility,
        ["forks"] = 0,
        ["open_issues"] = 0,
        ["watchers"] = 0,
        ["default_branch"] = repo.DefaultBranch,
        ["permissions"] = new JsonObject { ["admin"] = true, ["maintain"] = true, ["push"] = true, ["triage"] = true, ["pull"] = true },
    };

    public JsonObject BranchProtection(FakeRepository repo, FakeBranchProtection p)
    {
        var url = Api($"repos/{repo.FullName}/branches/{repo.DefaultBranch}/protection");
        var json = new JsonObject { ["url"] = url };
        if (p.StatusChecks.Count > 0)
        {
            json["required_status_checks"] = new JsonObject
            {
                ["url"] = url + "/required_status_checks",
                ["strict"] = p.StrictStatusChecks,
                ["contexts"] = Strings(p.StatusChecks),
                ["contexts_url"] = url + "/required_status_checks/contexts",
                ["checks"] = new JsonArray(p.StatusChecks.Select(c => (JsonNode)new JsonObject { ["context"] = c, ["app_id"] = null }).ToArray()),
            };
        }

        if (p.RequiredApprovals is { } approvals)
        {
            json["required_pull_request_reviews"] = new JsonObject
            {
                ["url"] = url + "/required_pull_request_reviews",
                ["dismiss_stale_reviews"] = p.DismissStaleReviews,
                ["require_code_owner_reviews"] = p.RequireCodeOwnerReviews,
                ["required_approving_review_count"] = approvals,
                ["require_last_push_approval"] = false,
            };
        }

        json["required_signatures"] = new JsonObject { ["url"] = url + "/required_signatures", ["enabled"] = false };
        json["enforce_admins"] = new JsonObject { ["url"] = url + "/enforce_admins", ["enabled"] = p.EnforceAdmins };
        json["required_linear_history"] = new JsonObject { ["enabled"] = false };
        json["allow_force_pushes"] = new JsonObject { ["enabled"] = p.AllowForcePushes };
        json["allow_deletions"] = new JsonObject { ["enabled"] = p.AllowDeletions };
        json["block_creations"] = new JsonObject { ["enabled"] = false };
        json["required_conversation_resolution"] = new JsonObject { ["enabled"] = false };
        json["lock_branch"] = new JsonObject { ["enabled"] = false };
        json["allow_fork_syncing"] = new JsonObject { ["enabled"] = false };
        return json;
    }

    /// <summary>The rules of one ruleset as GET /repos/{o}/{r}/rules/branches/{branch} lists them.</summary>
    public static IEnumerable<JsonObject> BranchRules(FakeRuleset ruleset, string sourceType, string source)
    {
        foreach (var rule in Rules(ruleset))
        {
            rule["ruleset_source_type"] = sourceType;
            rule["ruleset_source"] = source;
            rule["ruleset_id"] = ruleset.Id;
            yield return rule;
        }
    }

    public JsonObject Ruleset(FakeRuleset ruleset, string sourceType, string source)
    {
        var json = new JsonObject
        {
            ["id"] = ruleset.Id,
            ["name"] = ruleset.Name,
            ["target"] = "branch",
            ["source_type"] = sourceType,
            ["source"] = source,
            ["enforcement"] = ruleset.Enforcement,
        };
        if (!ruleset.HideBypassActors)
        {
            json["bypass_actors"] = new JsonArray(ruleset.BypassActors
                .Select(a => (JsonNode)new JsonObject { ["actor_id"] = a.ActorId, ["actor_type"] = a.ActorType, ["bypass_mode"] = a.BypassMode })
                .ToArray());
        }

        json["current_user_can_bypass"] = "never";
        json["node_id"] = NodeId("RRS", ruleset.Id);
        json["conditions"] = new JsonObject
        {
            ["ref_name"] = new JsonObject { ["include"] = Strings(["~DEFAULT_BRANCH"]), ["exclude"] = new JsonArray() },
        };
        json["rules"] = new JsonArray(Rules(ruleset).Select(r => (JsonNode)r).ToArray());
        json["_links"] = new JsonObject
        {
            ["self"] = new JsonObject
            {
                ["href"] = Api(sourceType == "Organization" ? $"orgs/{source}/rulesets/{ruleset.Id}" : $"repos/{source}/rulesets/{ruleset.Id}"),
            },
        };
        json["created_at"] = "2024-05-01T10:00:00.000Z";
        json["updated_at"] = "2024-05-01T10:00:00.000Z";
        return json;
    }

    private static IEnumerable<JsonObject> Rules(FakeRuleset ruleset)
    {
        if (ruleset.RestrictDeletions)
        {
            yield return new JsonObject { ["type"] = "deletion" };
        }

        if (ruleset.BlockForcePushes)
        {
            yield return new JsonObject { ["type"] = "non_fast_forward" };
        }

        if (ruleset.RequiredApprovals is { } approvals)
        {
            yield return new JsonObject
            {
                ["type"] = "pull_request",
                ["parameters"] = new JsonObject
                {
                    ["required_approving_review_count"] = approvals,
                    ["dismiss_stale_reviews_on_push"] = ruleset.DismissStaleReviewsOnPush,
                    ["require_code_owner_review"] = ruleset.RequireCodeOwnerReview,
                    ["require_last_push_approval"] = false,
                    ["required_review_thread_resolution"] = false,
                    ["allowed_merge_methods"] = Strings(["merge", "squash", "rebase"]),
                },
            };
        }

        if (ruleset.StatusChecks.Count > 0)
        {
            yield return new JsonObject
            {
                ["type"] = "required_status_checks",
                ["parameters"] = new JsonObject
                {
                    ["strict_required_status_checks_policy"] = false,
                    ["do_not_enforce_on_create"] = false,
                    ["required_status_checks"] = new JsonArray(ruleset.StatusChecks.Select(c => (JsonNode)new JsonObject { ["context"] = c }).ToArray()),
                },
            };
        }
    }

    public JsonObject FileContent(FakeRepository repo, string path, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);

        // Git's blob id, so the sha looks (and changes) like the real one. Git defines it as SHA-1; nothing relies on it for security.
#pragma warning disable CA5350
        var sha = Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {bytes.Length}\0"), .. bytes]));
#pragma warning restore CA5350
        var base64 = Convert.ToBase64String(bytes);
        var wrapped = new StringBuilder();
        for (var i = 0; i < base64.Length; i += 60)
        {
            wrapped.Append(base64.AsSpan(i, Math.Min(60, base64.Length - i))).Append('\n');
        }

        var self = Api($"repos/{repo.FullName}/contents/{path}?ref={repo.DefaultBranch}");
        return new JsonObject
        {
            ["name"] = path.Split('/')[^1],
            ["path"] = path,
            ["sha"] = sha,
            ["size"] = bytes.Length,
            ["url"] = self,
            ["html_url"] = $"https://github.com/{repo.FullName}/blob/{repo.DefaultBranch}/{path}",
            ["git_url"] = Api($"repos/{repo.FullName}/git/blobs/{sha}"),
            ["download_url"] = $"https://raw.githubusercontent.com/{repo.FullName}/{repo.DefaultBranch}/{path}",
            ["type"] = "file",
            ["content"] = wrapped.ToString(),
            ["encoding"] = "base64",
            ["_links"] = new JsonObject
            {
                ["self"] = self,
                ["git"] = Api($"repos/{repo.FullName}/git/blobs/{sha}"),
                ["html"] = $"https://github.com/{repo.FullName}/blob/{repo.DefaultBranch}/{path}",
            },
        };
    }

    public JsonObject Workflow(FakeRepository repo, FakeWorkflow workflow) => new()
    {
        ["id"] = workflow.Id,
        ["node_id"] = NodeId("W", workflow.Id),
        ["name"] = workflow.Name,
        ["path"] = workflow.Path,
        ["state"] = workflow.State,
        ["created_at"] = Time(repo.CreatedAt),
        ["updated_at"] = Time(repo.CreatedAt.AddDays(2)),
        ["url"] = Api($"repos/{repo.FullName}/actions/workflows/{workflow.Id}"),
        ["html_url"] = $"https://github.com/{repo.FullName}/blob/{repo.DefaultBranch}/{workflow.Path}",
        ["badge_url"] = $"https://github.com/{repo.FullName}/workflows/{Uri.EscapeDataString(workflow.Name)}/badge.svg",
    };

    public JsonObject DependabotAlert(FakeRepository repo, FakeDependabotAlert alert)
    {
        var package = new JsonObject { ["ecosystem"] = alert.Ecosystem, ["name"] = alert.Package };
        return new JsonObject
        {
            ["number"] = alert.Number,
            ["state"] = alert.State,
            ["dependency"] = new JsonObject
            {
                ["package"] = package,
                ["manifest_path"] = alert.Ecosystem == "npm" ? "package-lock.json" : "composer.lock",
                ["scope"] = "runtime",
                ["relationship"] = "direct",
            },
            ["security_advisory"] = new JsonObject
            {
                ["ghsa_id"] = alert.GhsaId,
                ["cve_id"] = null,
                ["summary"] = alert.Summary,
                ["description"] = alert.Summary,
                ["vulnerabilities"] = new JsonArray(),
                ["severity"] = alert.Severity,
                ["identifiers"] = new JsonArray(new JsonObject { ["value"] = alert.GhsaId, ["type"] = "GHSA" }),
                ["references"] = new JsonArray(),
                ["published_at"] = Time(alert.CreatedAt.AddDays(-2)),
                ["updated_at"] = Time(alert.CreatedAt.AddDays(-1)),
                ["withdrawn_at"] = null,
            },
            ["security_vulnerability"] = new JsonObject
            {
                ["package"] = package.DeepClone(),
                ["severity"] = alert.Severity,
                ["vulnerable_version_range"] = "< 4.17.21",
                ["first_patched_version"] = new JsonObject { ["identifier"] = "4.17.21" },
            },
            ["url"] = Api($"repos/{repo.FullName}/dependabot/alerts/{alert.Number}"),
            ["html_url"] = $"https://github.com/{repo.FullName}/security/dependabot/{alert.Number}",
            ["created_at"] = Time(alert.CreatedAt),
            ["updated_at"] = Time(alert.CreatedAt),
            ["dismissed_at"] = null,
            ["dismissed_by"] = null,
            ["dismissed_reason"] = null,
            ["dismissed_comment"] = null,
            ["fixed_at"] = null,
            ["auto_dismissed_at"] = null,
        };
    }

    public JsonObject SecretScanningAlert(FakeRepository repo, FakeSecretScanningAlert alert, bool hideSecret)
    {
        var json = new JsonObject
        {
            ["number"] = alert.Number,
            ["created_at"] = Time(alert.CreatedAt),
            ["updated_at"] = Time(alert.CreatedAt),
            ["url"] = Api($"repos/{repo.FullName}/secret-scanning/alerts/{alert.Number}"),
            ["html_url"] = $"https://github.com/{repo.FullName}/security/secret-scanning/{alert.Number}",
            ["locations_url"] = Api($"repos/{repo.FullName}/secret-scanning/alerts/{alert.Number}/locations"),
            ["state"] = alert.State,
            ["resolution"] = null,
            ["resolved_at"] = null,
            ["resolved_by"] = null,
            ["secret_type"] = alert.SecretType,
            ["secret_type_display_name"] = alert.DisplayName,
            ["validity"] = alert.Validity,
            ["publicly_leaked"] = false,
            ["multi_repo"] = false,
            ["is_base64_encoded"] = false,
            ["push_protection_bypassed"] = false,
        };
        if (!hideSecret)
        {
            json["secret"] = alert.Secret;
        }

        return json;
    }

    public JsonObject Installation(FakeOrganization org, FakeInstallation installation)
    {
        var permissions = new JsonObject();
        foreach (var (name, level) in installation.Permissions)
        {
            permissions[name] = level;
        }

        return new JsonObject
        {
            ["id"] = installation.Id,
            ["account"] = new JsonObject { ["login"] = org.Login, ["id"] = org.Id, ["type"] = "Organization", ["site_admin"] = false },
            ["repository_selection"] = installation.RepositorySelection,
            ["access_tokens_url"] = Api($"app/installations/{installation.Id}/access_tokens"),
            ["repositories_url"] = Api("installation/repositories"),
            ["html_url"] = $"https://github.com/organizations/{org.Login}/settings/installations/{installation.Id}",
            ["app_id"] = installation.AppId,
            ["app_slug"] = installation.AppSlug,
            ["target_id"] = org.Id,
            ["target_type"] = "Organization",
            ["permissions"] = permissions,
            ["events"] = Strings(installation.Events),
            ["created_at"] = Time(installation.CreatedAt),
            ["updated_at"] = Time(installation.CreatedAt),
            ["single_file_name"] = null,
            ["has_multiple_single_files"] = false,
            ["single_file_paths"] = new JsonArray(),
            ["suspended_by"] = null,
            ["suspended_at"] = null,
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    private static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string NodeId(string prefix, long id) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"{prefix}_{id}")).TrimEnd('=');
}
