using Controls.Compliance.Catalog;
using Controls.Compliance.People;
using Controls.Compliance.Training;

namespace Controls.Compliance.Tests.Training;

public sealed class TrainingCoverageTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly TrainingModuleDefinition Awareness = new("security-awareness", "Awareness", "d", ["all-staff"], [], TimeSpan.FromDays(365), TimeSpan.FromDays(30));
    private static readonly TrainingModuleDefinition Checkout = new("checkout-payment-emergency-procedures", "Checkout", "d", ["on-call"], ["checkout", "payment"], TimeSpan.FromDays(182), TimeSpan.FromDays(14));

    [Fact]
    public void Assess_ClassifiesCurrentExpiredInGraceAndNeverTrained()
    {
        Person[] people =
        [
            Person("current@acme.com"),
            Person("expired@acme.com"),
            Person("joiner@acme.com", startedOn: Today.AddDays(-10)),
            Person("late-joiner@acme.com", startedOn: Today.AddDays(-45)),
            Person("never@acme.com"),
        ];
        TrainingCompletion[] completions =
        [
            new("current@acme.com", "security-awareness", Today.AddDays(-100)),
            new("CURRENT@acme.com", "security-awareness", Today.AddDays(-500)),
            new("expired@acme.com", "security-awareness", Today.AddDays(-366)),
        ];

        var states = TrainingCoverage.Assess([Awareness], people, completions, Today).ToDictionary(a => a.Person.Key, a => a.State);

        Assert.Equal(TrainingState.Current, states["current@acme.com"]);
        Assert.Equal(TrainingState.Expired, states["expired@acme.com"]);
        Assert.Equal(TrainingState.InGrace, states["joiner@acme.com"]);
        Assert.Equal(TrainingState.NeverTrained, states["late-joiner@acme.com"]);
        Assert.Equal(TrainingState.NeverTrained, states["never@acme.com"]);
    }

    [Fact]
    public void Assess_AssignsByRoleTeamOrSurface()
    {
        Person[] people =
        [
            Person("oncall@acme.com", roles: ["on-call"]),
            Person("payments@acme.com", surfaces: ["payment"]),
            Person("marketing@acme.com", team: "marketing"),
        ];

        var assigned = TrainingCoverage.Assess([Checkout], people, [], Today).Select(a => a.Person.Key).Order(StringComparer.Ordinal);

        Assert.Equal(["oncall@acme.com", "payments@acme.com"], assigned);
    }

    [Fact]
    public void Summarise_LeavesJoinersInGraceOutOfTheDenominator_PerModuleRoleTeamAndSurface()
    {
        Person[] people =
        [
            Person("a@acme.com", team: "platform", roles: ["engineering"], surfaces: ["checkout"]),
            Person("b@acme.com", team: "platform", roles: ["engineering"]),
            Person("c@acme.com", team: "support", startedOn: Today.AddDays(-3)),
            Person("d@acme.com", team: "support"),
        ];
        TrainingCompletion[] completions = [new("a@acme.com", "security-awareness", Today.AddDays(-10)), new("b@acme.com", "security-awareness", Today.AddDays(-20))];

        var figures = TrainingCoverage.Summarise(TrainingCoverage.Assess([Awareness], people, completions, Today));

        var all = figures.Single(f => f.Dimension == "all");
        Assert.Equal((4, 2, 1, 3), (all.Assigned, all.Current, all.InGrace, all.Required));
        Assert.Equal(66.7, all.Percent);
        Assert.Equal(100.0, figures.Single(f => f is { Dimension: "team", Group: "platform" }).Percent);
        Assert.Equal(0.0, figures.Single(f => f is { Dimension: "team", Group: "support" }).Percent);
        Assert.Equal(100.0, figures.Single(f => f is { Dimension: "surface", Group: "checkout" }).Percent);
        Assert.Equal(2, figures.Single(f => f is { Dimension: "role", Group: "engineering" }).Current);
    }

    [Fact]
    public void Summarise_AGroupOfOnlyJoinersInGrace_HasNoPercentage()
    {
        var figures = TrainingCoverage.Summarise(TrainingCoverage.Assess([Awareness], [Person("new@acme.com", startedOn: Today)], [], Today));

        Assert.Null(figures.Single(f => f.Dimension == "all").Percent);
    }

    private static Person Person(string email, string? team = null, string[]? roles = null, string[]? surfaces = null, DateOnly? startedOn = null) =>
        new(email, email, email, team, roles ?? [], surfaces ?? [], startedOn, []);
}
