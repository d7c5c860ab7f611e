using System.Text.Json;
using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Catalog;

/// <summary>
/// Upserts the loaded catalog by id. Entries a newer catalog no longer contains are kept, marked inactive,
/// so evaluations recorded against them stay readable for the audit period.
/// </summary>
public sealed class CatalogSynchronizer(ControlsDbContext db, ControlCatalog catalog)
{
    public async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var frameworks = await db.Frameworks.ToDictionaryAsync(f => f.Id, cancellationToken);
        foreach (var f in frameworks.Values)
        {
            f.IsActive = false;
        }

        foreach (var framework in catalog.Frameworks)
        {
            if (!frameworks.TryGetValue(framework.Id, out var row))
            {
                row = new FrameworkEntry { Id = framework.Id, Name = framework.Name, Version = framework.Version };
                db.Frameworks.Add(row);
            }

            row.Name = framework.Name;
            row.Version = framework.Version;
            row.IsActive = true;
        }

        var requirements = await db.Requirements.ToDictionaryAsync(r => (r.FrameworkId, r.Id), cancellationToken);
        foreach (var r in requirements.Values)
        {
            r.IsActive = false;
        }

        foreach (var requirement in catalog.Requirements)
        {
            if (!requirements.TryGetValue((requirement.FrameworkId, requirement.Id), out var row))
            {
                row = new RequirementEntry
                {
                    FrameworkId = requirement.FrameworkId, Id = requirement.Id, Name = requirement.Name, Group = requirement.Group, Description = requirement.Description,
                };
                db.Requirements.Add(row);
            }

            row.Name = requirement.Name;
            row.Group = requirement.Group;
            row.Description = requirement.Description;
            row.PointsOfFocus = requirement.PointsOfFocus.Count == 0 ? null : string.Join('\n', requirement.PointsOfFocus.Select(p => $"{p.Id}: {p.Name}"));
            row.IsActive = true;
        }

        var checks = await db.Checks.ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var c in checks.Values)
        {
            c.IsActive = false;
        }

        foreach (var check in catalog.Checks)
        {
            if (!checks.TryGetValue(check.Id, out var row))
            {
                row = new CheckEntry
                {
                    Id = check.Id, Title = check.Title, Measures = check.Measures, Rationale = check.Rationale, SystemKinds = string.Empty,
                    Surfaces = string.Empty, PrimarySurface = check.PrimarySurface, Remediation = check.Remediation, ParametersJson = "{}",
                };
                db.Checks.Add(row);
            }

            row.Title = check.Title;
            row.Type = check.Type;
            row.Measures = check.Measures;
            row.Rationale = check.Rationale;
            row.SystemKinds = string.Join(", ", check.SystemKinds);
            row.Surfaces = string.Join(", ", check.Surfaces);
            row.PrimarySurface = check.PrimarySurface;
            row.Remediation = check.Remediation;
            row.HoursLow = check.Retrofit.HoursLow;
            row.HoursHigh = check.Retrofit.HoursHigh;
            row.UpkeepHoursPerYear = check.Retrofit.UpkeepHoursPerYear;
            row.TrainingModule = check.TrainingModule;
            row.FreshnessHours = check.Freshness.TotalHours;
            row.AttestationEvidence = check.Attestation?.Evidence;
            row.AttestationOwnerRole = check.Attestation?.OwnerRole;
            row.ParametersJson = JsonSerializer.Serialize(check.Parameters.ToDictionary(p => p.Name, p => JsonDocument.Parse(p.DefaultValue).RootElement));
            row.IsActive = true;
        }

        var modules = await db.TrainingModules.ToDictionaryAsync(m => m.Id, cancellationToken);
        foreach (var m in modules.Values)
        {
            m.IsActive = false;
        }

        foreach (var module in catalog.TrainingModules)
        {
            if (!modules.TryGetValue(module.Id, out var row))
            {
                row = new TrainingModuleEntry { Id = module.Id, Title = module.Title, Description = module.Description, Roles = string.Empty, Surfaces = string.Empty };
                db.TrainingModules.Add(row);
            }

            row.Title = module.Title;
            row.Description = module.Description;
            row.Roles = string.Join(", ", module.Roles);
            row.Surfaces = string.Join(", ", module.Surfaces);
            row.RefreshDays = module.Refresh.TotalDays;
            row.JoinerGraceDays = module.JoinerGrace.TotalDays;
            row.IsActive = true;
        }

        await db.SaveChangesAsync(cancellationToken);

        // Link tables are derived wholly from the current catalog: replace them.
        await db.RequirementMappings.ExecuteDeleteAsync(cancellationToken);
        await db.CheckRequirements.ExecuteDeleteAsync(cancellationToken);
        db.RequirementMappings.AddRange(catalog.Requirements.SelectMany(r => r.Mappings.Select(m => new RequirementMappingEntry
        {
            FrameworkId = r.FrameworkId,
            RequirementId = r.Id,
            TargetFrameworkId = m.Target.FrameworkId,
            TargetRequirementId = m.Target.RequirementId,
            Relationship = m.Relationship,
        })));
        db.CheckRequirements.AddRange(catalog.Checks.SelectMany(c => c.Evidences.Select(k => new CheckRequirementEntry
        {
            CheckId = c.Id,
            FrameworkId = k.FrameworkId,
            RequirementId = k.RequirementId,
        })));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
