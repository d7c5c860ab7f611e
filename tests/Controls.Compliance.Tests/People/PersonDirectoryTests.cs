using Controls.Compliance.People;

namespace Controls.Compliance.Tests.People;

public sealed class PersonDirectoryTests
{
    private static readonly Person Jane = new("jane@acme.com", "Jane Doe", "Jane@Acme.com", "platform", ["engineering"], ["checkout"], null, ["github:janedoe", "jane.doe@acme-agency.com"]);
    private static readonly Person Ravi = new("ravi@acme.com", "Ravi Shah", "ravi@acme.com", "ecommerce", ["store-admins"], [], null, []);

    [Fact]
    public void Resolve_OnePersonAcrossShopifyGitHubAndMagento_IsOnePerson()
    {
        PlatformAccount[] accounts =
        [
            Account("shopify", "gid://shopify/StaffMember/1", "Jane Doe", "jane+shop@acme.com"),
            Account("github", "janedoe", "janedoe", null),
            Account("magento", "7", "jdoe", "JANE.DOE@acme-agency.com"),
        ];

        var resolved = PersonDirectory.Resolve([Jane, Ravi], accounts);

        Assert.All(resolved, r => Assert.Same(Jane, r.Person));
        Assert.Equal(["jane@acme.com", "github:janedoe", "jane.doe@acme-agency.com"], resolved.Select(r => r.MatchedBy));
    }

    [Fact]
    public void Resolve_AnAccountNobodyClaims_IsReportedUnresolved()
    {
        var resolved = Assert.Single(PersonDirectory.Resolve([Jane, Ravi], [Account("github", "mallory", "mallory", null)]));

        Assert.Null(resolved.Person);
        Assert.Equal(ResolutionProblem.NoMatchingPerson, resolved.Problem);
    }

    [Fact]
    public void Resolve_AnEmailTwoPeopleClaim_IsNeverGuessed()
    {
        var twin = Ravi with { Key = "ravi2@acme.com", Aliases = ["jane@acme.com"] };

        var resolved = Assert.Single(PersonDirectory.Resolve([Jane, twin], [Account("shopify", "1", "Jane", "jane@acme.com")]));

        Assert.Null(resolved.Person);
        Assert.Equal(ResolutionProblem.MatchesSeveralPeople, resolved.Problem);
    }

    [Theory]
    [InlineData(" Jane+Test@ACME.com ", "jane@acme.com")]
    [InlineData("jane@acme.com", "jane@acme.com")]
    [InlineData("not-an-email", null)]
    [InlineData("", null)]
    public void NormaliseEmail_LowersTrimsAndDropsPlusTags(string input, string? expected) =>
        Assert.Equal(expected, PersonDirectory.NormaliseEmail(input));

    private static PlatformAccount Account(string kind, string key, string login, string? email) =>
        new(1, kind, $"{kind}-system", key, login, email, login, "member", false, true, null);
}
