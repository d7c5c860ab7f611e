using Controls.Api;
using Controls.Api.Cli;
using Controls.Api.Workspaces;
using Controls.Collectors;
using Controls.Compliance;
using Controls.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddControlsCompliance();
builder.AddControlsCollectors();
builder.AddControlsWeb();
builder.AddControlsApi();

var app = builder.Build();

if (args is [VerifyCommand.Name, ..])
{
    return await VerifyCommand.RunAsync(app.Services, args[1..], Console.Out);
}

app.UseControlsApi();
app.MapGet("/health", () => Results.Ok(new { status = "ok" })).AllowWithoutWorkspace();
app.MapControlsApi();
app.MapControlsWeb();

await app.RunAsync();
return 0;

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program
{
}
