using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Controls.Compliance.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the model without starting a host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ControlsDbContext>
{
    public ControlsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ControlsDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .Options;
        return new ControlsDbContext(options, new CallerContext());
    }
}
