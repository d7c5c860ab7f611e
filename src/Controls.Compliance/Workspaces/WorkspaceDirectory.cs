using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.Workspaces;

/// <summary>Finds and creates workspaces. The one place that reads the Workspaces table without a workspace filter.</summary>
public sealed class WorkspaceDirectory(ControlsDbContext db, TimeProvider time)
{
    public Task<Workspace?> FindAsync(string slug, CancellationToken cancellationToken) =>
        db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Slug == slug, cancellationToken);

    public Task<List<Workspace>> ListAsync(CancellationToken cancellationToken) =>
        db.Workspaces.AsNoTracking().OrderBy(w => w.Slug).ToListAsync(cancellationToken);

    public async Task<Workspace> EnsureAsync(string slug, string name, bool isDemo, CancellationToken cancellationToken)
    {
        var existing = await db.Workspaces.SingleOrDefaultAsync(w => w.Slug == slug, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var workspace = new Workspace { Slug = slug, Name = name, IsDemo = isDemo, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Workspaces.Add(workspace);
        await db.SaveChangesAsync(cancellationToken);
        return workspace;
    }
}
