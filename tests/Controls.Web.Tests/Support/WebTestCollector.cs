using Controls.Compliance.Collection;

namespace Controls.Web.Tests.Support;

/// <summary>
/// The collector the browser tests run through the real CollectionRunner: it records the repositories,
/// organisation settings and collaborators each seeded organisation is declared to have, and aborts for an
/// organisation whose token is revoked, exactly as a platform collector would.
/// </summary>
public sealed class WebTestCollector(SeededOrganisations organisations) : ICollector
{
    public string SystemKind => "github";

    public Task CollectAsync(CollectionContext context, CancellationToken cancellationToken)
    {
        var org = organisations.Find(context.System.Name)
            ?? throw new CollectionAbortedException($"No organisation '{context.System.Name}' is seeded.");
        if (org.RevokedToken)
        {
            throw new CollectionAbortedException("GitHub answered 401 Bad credentials: the token was revoked.");
        }

        context.RequestCount = 1 + org.Repositories.Count;
        context.Record(WebTestEvaluators.OrganizationKind, org.Login, new OrganizationEvidence(org.Login, org.TwoFactorRequired));
        foreach (var repo in org.Repositories)
        {
            context.Record(WebTestEvaluators.RepositoryKind, $"{org.Login}/{repo.Name}", repo);
        }

        foreach (var collaborator in org.OutsideAdmins)
        {
            context.Record(WebTestEvaluators.CollaboratorKind, $"{org.Login}/{collaborator.Repository}", collaborator);
        }

        return Task.CompletedTask;
    }
}

public sealed record OrganizationEvidence(string Login, bool TwoFactorRequired);

public sealed record RepositoryEvidence(string Name, string DefaultBranch, int RequiredApprovals);

public sealed record CollaboratorEvidence(string Repository, string Login, string Permission);

public sealed record SeededOrganisation(
    string Login,
    bool TwoFactorRequired,
    IReadOnlyList<RepositoryEvidence> Repositories,
    IReadOnlyList<CollaboratorEvidence> OutsideAdmins,
    bool RevokedToken = false);

/// <summary>What each seeded organisation looks like; the fixture fills it before collecting.</summary>
public sealed class SeededOrganisations
{
    private readonly Dictionary<string, SeededOrganisation> _byLogin = new(StringComparer.Ordinal);

    public void Add(SeededOrganisation organisation) => _byLogin[organisation.Login] = organisation;

    public SeededOrganisation? Find(string login) => _byLogin.GetValueOrDefault(login);
}
