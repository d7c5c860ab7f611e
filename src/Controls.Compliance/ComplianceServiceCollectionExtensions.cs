using System.Reflection;
using Controls.Compliance.Attestations;
using Controls.Compliance.Catalog;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Evidence;
using Controls.Compliance.Persistence;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Controls.Compliance;

public sealed class CatalogOptions
{
    public const string Section = "Controls:Catalog";

    /// <summary>The control-catalog folder; defaults to the copy shipped beside the binaries.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "control-catalog");
}

public static class ComplianceServiceCollectionExtensions
{
    /// <summary>The shared core: catalog, database, evidence ledger, evaluation and collection runs.</summary>
    public static IHostApplicationBuilder AddControlsCompliance(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CatalogOptions>().Bind(builder.Configuration.GetSection(CatalogOptions.Section));
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.Provider == "sqlite", "Controls:Database:Provider must be 'sqlite' (PostgreSQL support is not built yet).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "Controls:Database:ConnectionString is required.")
            .ValidateOnStart();
        services.AddOptions<CollectionOptions>().Bind(builder.Configuration.GetSection(CollectionOptions.Section));
        services.AddOptions<People.AccountInventoryOptions>().Bind(builder.Configuration.GetSection(People.AccountInventoryOptions.Section));

        services.AddSingleton(sp => CatalogLoader.Load(sp.GetRequiredService<IOptions<CatalogOptions>>().Value.Path));
        services.AddSingleton<CheckEvaluatorRegistry>();
        services.AddSingleton<EvaluationGate>();
        services.AddSingleton<CollectionGate>();
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddSingleton<AppendOnlyEvidenceInterceptor>();

        services.AddScoped<CallerContext>();
        services.AddScoped<ICallerContext>(sp => sp.GetRequiredService<CallerContext>());
        services.AddDbContext<ControlsDbContext>((sp, options) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseSqlite(database.ConnectionString)
                .AddInterceptors(sp.GetRequiredService<SqlitePragmaInterceptor>(), sp.GetRequiredService<AppendOnlyEvidenceInterceptor>());
        });

        services.AddScoped<WorkspaceDirectory>();
        services.AddScoped<CatalogSynchronizer>();
        services.AddScoped<EvidenceLedger>();
        services.AddScoped<EvidenceVerifier>();
        services.AddScoped<EvaluationService>();
        services.AddScoped<CollectionRunner>();
        services.AddScoped<AttestationRecorder>();
        services.AddScoped<ThirdParty.ThirdPartyInventoryReader>();
        services.AddScoped<People.AccountInventory>();
        services.AddSingleton<CredentialProvider>();

        // First hosted service: nothing else may run against an unmigrated database or an invalid catalog.
        services.AddHostedService<ControlsStartup>();
        return builder;
    }

    /// <summary>Registers every <see cref="ICheckEvaluator"/> in an assembly: how a collector contributes its checks.</summary>
    public static IServiceCollection AddCheckEvaluatorsFrom(this IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ICheckEvaluator).IsAssignableFrom(t)))
        {
            services.AddSingleton(typeof(ICheckEvaluator), type);
        }

        return services;
    }
}
