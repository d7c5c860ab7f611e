using Controls.Collectors;
using Controls.Compliance;
using Controls.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddControlsCompliance();
builder.AddControlsCollectors();
builder.AddControlsWeb();

var app = builder.Build();

app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.MapControlsWeb();

app.Run();

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program
{
}
