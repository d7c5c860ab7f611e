using System.Text.Json.Serialization;

namespace Controls.Api.Actions;

public sealed class ActionOptions
{
    public const string Section = "Controls:Api";

    /// <summary>Largest accepted attestation file; bigger uploads are answered 413.</summary>
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;
}

public static class ActionsServiceCollectionExtensions
{
    /// <summary>The REST actions under /api (the OData feed is read-only; everything that changes state is here).</summary>
    public static IHostApplicationBuilder AddControlsActions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ActionOptions>().Bind(builder.Configuration.GetSection(ActionOptions.Section))
            .Validate(o => o.MaxUploadBytes > 0, "Controls:Api:MaxUploadBytes must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CollectNow>();
        builder.Services.AddScoped<TrainingImportService>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    public static IEndpointRouteBuilder MapControlsActions(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapSystemEndpoints();
        api.MapEvidenceEndpoints();
        api.MapCheckEndpoints();
        api.MapVendorEndpoints();
        api.MapIncidentEndpoints();
        api.MapReadinessEndpoints();
        api.MapPeopleEndpoints();
        api.MapTrainingEndpoints();
        api.MapAccessReviewEndpoints();
        api.MapPost("/evaluate", EvaluateAsync)
            .WithName("EvaluateWorkspace")
            .WithTags("Evaluation")
            .WithSummary("Re-evaluates every check of the workspace from the evidence already collected.");
        return app;
    }

    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<EvaluationDone>> EvaluateAsync(
        Compliance.Evaluation.EvaluationService evaluation, TimeProvider time, CancellationToken cancellationToken)
    {
        await evaluation.EvaluateWorkspaceAsync(cancellationToken);
        return TypedResults.Ok(new EvaluationDone(time.GetUtcNow().UtcDateTime));
    }
}

public sealed record EvaluationDone(DateTime EvaluatedAt);
