using Controls.Collectors.Tests.GitHub.Checks;
using Controls.Collectors.Training;
using Controls.Collectors.Training.Checks;
using Controls.Compliance.Catalog;

namespace Controls.Collectors.Tests.Training;

/// <summary>training.coverage against a catalog module that sets its own coverage threshold.</summary>
public sealed class TrainingCoverageEvaluatorTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(EvidenceBuilder.CollectedAt);

    private static TrainingModuleDefinition Module(double? threshold) =>
        new("security-awareness", "Security awareness", "Everyday habits.", ["all-staff"], [], TimeSpan.FromDays(365), TimeSpan.FromDays(30), threshold);

    private static PersonEvidence Person(int i) =>
        new($"p{i}@acme.example", $"Person {i}", $"p{i}@acme.example", "shop", ["engineering"], [], [], new DateOnly(2024, 1, 1), null);

    /// <summary>Twenty people, nineteen current: 95 % coverage.</summary>
    private static Compliance.Evaluation.EvidenceSnapshot NineteenOfTwentyTrained() =>
        EvidenceBuilder.Snapshot(EvidenceBuilder.Item(TrainingRegister.EvidenceKind, "training-register", new TrainingRegisterEvidence(
            [.. Enumerable.Range(1, 20).Select(Person)],
            [.. Enumerable.Range(1, 19).Select(i => new LatestCompletionEvidence($"p{i}@acme.example", "security-awareness", Today.AddDays(-10)))])));

    private static TrainingCoverageEvaluator Evaluator(double? moduleThreshold) =>
        new(new ControlCatalog([], [], [Module(moduleThreshold)]), []);

    [Fact]
    public void Evaluate_ModuleWithoutItsOwnThreshold_PassesAtTheChecksDefault95()
    {
        var verdict = Evaluator(null).Evaluate(NineteenOfTwentyTrained(), EvidenceBuilder.Parameters("training.coverage"));

        Assert.True(verdict.Passed, verdict.Summary);
    }

    [Fact]
    public void Evaluate_ModuleRequiring100Percent_FailsAt95NamingItsThreshold()
    {
        var verdict = Evaluator(100).Evaluate(NineteenOfTwentyTrained(), EvidenceBuilder.Parameters("training.coverage"));

        Assert.False(verdict.Passed);
        var finding = Assert.Single(verdict.Findings);
        Assert.Equal("training/security-awareness", finding.Resource);
        Assert.Contains("95 % of the 20 people required are current (19), under the 100 % threshold", finding.Message, StringComparison.Ordinal);
    }
}
