using Controls.Compliance.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Controls.Compliance.Persistence;

/// <summary>
/// Evidence is append-only: the application refuses to update or delete a ledger record or its content.
/// (Someone with direct database access can still do it; the hash chain is what detects that.)
/// </summary>
public sealed class AppendOnlyEvidenceInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Guard(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Guard(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Guard(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is EvidenceRecord or EvidenceContent && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException(
                    $"Evidence is append-only: refusing to {entry.State.ToString().ToLowerInvariant()} a {entry.Entity.GetType().Name}.");
            }
        }
    }
}
