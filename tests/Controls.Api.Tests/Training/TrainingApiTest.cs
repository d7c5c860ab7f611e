using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Controls.Api.Tests.Support;
using Controls.Compliance.Collection;
using Controls.Compliance.Evaluation;
using Controls.Compliance.Persistence;
using Controls.Compliance.Systems;
using Controls.Compliance.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Controls.Api.Tests.Training;

/// <summary>Shared steps of the people and training tests: people through the API, uploads as real multipart files.</summary>
public abstract class TrainingApiTest(ApiTestFactory factory) : ApiTest(factory)
{
    protected const string CsvType = "text/csv";
    protected const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    protected static async Task AddPersonAsync(HttpClient client, object person)
    {
        var (status, body) = await PostJsonAsync(client, "/api/people", person);
        Assert.True(status is 200 or 201, $"POST /api/people answered {status}: {body}");
    }

    protected static Task<(int Status, JsonNode? Body)> UploadCsvAsync(HttpClient client, string url, string csv, params (string Name, string Value)[] fields) =>
        UploadAsync(client, url, "export.csv", CsvType, Encoding.UTF8.GetBytes(csv), fields);

    protected static async Task<(int Status, JsonNode? Body)> UploadAsync(
        HttpClient client, string url, string fileName, string contentType, byte[] content, params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        using var response = await client.PostAsync(url, form);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body));
    }

    protected async Task<T> InWorkspaceAsync<T>(string slug, Func<ControlsDbContext, Task<T>> action)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().FindAsync(slug, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<CallerContext>().Set(workspace!.Id, "test");
        return await action(scope.ServiceProvider.GetRequiredService<ControlsDbContext>());
    }

    protected Task<CheckEvaluation> CoverageResultAsync(string slug) =>
        InWorkspaceAsync(slug, db => db.CheckEvaluations.AsNoTracking().Include(e => e.Findings)
            .SingleAsync(e => e.IsCurrent && e.CheckId == "training.coverage" && db.Systems.Any(s => s.Id == e.SystemId && s.Kind == SystemKinds.TrainingRegister)));

    protected Task<List<CollectionRun>> RegisterRunsAsync(string slug) =>
        InWorkspaceAsync(slug, db => db.CollectionRuns.AsNoTracking()
            .Where(r => db.Systems.Any(s => s.Id == r.SystemId && s.Kind == SystemKinds.TrainingRegister)).ToListAsync());
}
