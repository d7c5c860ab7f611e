using Controls.Collectors.AccessReviews;
using Controls.Collectors.Demo;
using Controls.Collectors.GitHub;
using Controls.Collectors.People;
using Controls.Collectors.Scheduling;
using Controls.Collectors.ThirdParty;
using Controls.Compliance;
using Microsoft.Extensions.Hosting;

namespace Controls.Collectors;

public static class CollectorsServiceCollectionExtensions
{
    /// <summary>Every platform collector, the evaluation code of the checks they evidence, the scheduler and the demo.</summary>
    public static IHostApplicationBuilder AddControlsCollectors(this IHostApplicationBuilder builder)
    {
        builder.Services.AddCheckEvaluatorsFrom(typeof(CollectorsServiceCollectionExtensions).Assembly);
        builder.Services.AddGitHubCollector();
        builder.Services.AddLogStoreCollector();
        builder.Services.AddShopifyCollector();
        builder.Services.AddMagentoCollector();
        builder.Services.AddMagentoDatabaseReader();
        builder.Services.AddThirdPartyRegister();
        builder.Services.AddIncidentRegister();
        builder.Services.AddAccessReviews();
        builder.Services.AddAccountSources();
        builder.Services.AddReadinessRegister();
        builder.Services.AddTrainingRegister();
        builder.AddCollectionScheduling();
        builder.AddAccessReviewSchedule();
        builder.AddDemoWorkspace();
        return builder;
    }
}
