using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Controls.Collectors.Demo;

/// <summary>One recorded GitHub response: status, the headers GitHub sent (ETag, Link, X-RateLimit-*) and the JSON body.</summary>
public sealed class RecordedResponse
{
    public string Method { get; set; } = "GET";

    public string Path { get; set; } = "/";

    /// <summary>The query string without '?', parameters sorted (see <see cref="DemoRecording.Key"/>).</summary>
    public string Query { get; set; } = string.Empty;

    public int Status { get; set; } = 200;

    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public JsonNode? Body { get; set; }
}

public sealed class RecordingFile
{
    /// <summary>How the recording was made, for whoever regenerates it.</summary>
    public string? Source { get; set; }

    public List<RecordedResponse> Responses { get; set; } = [];
}

/// <summary>
/// The demo organisation's recorded GitHub API responses, embedded in this assembly
/// (Demo/Recordings/acme-outfitters.json), indexed by method, path and sorted query.
/// </summary>
public sealed class DemoRecording
{
    public const string ResourceName = "Controls.Collectors.Demo.Recordings.acme-outfitters.json";

    /// <summary>Indented and without \u0022-style escapes, so the recording reads (and diffs) like GitHub's own JSON.</summary>
    public static readonly JsonSerializerOptions FileFormat = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Dictionary<string, (RecordedResponse Response, string Body)> _byKey;

    public DemoRecording(RecordingFile file)
    {
        _byKey = new Dictionary<string, (RecordedResponse, string)>(StringComparer.Ordinal);
        foreach (var response in file.Responses)
        {
            _byKey[Key(response.Method, response.Path, response.Query)] = (response, response.Body?.ToJsonString() ?? string.Empty);
        }
    }

    public int Count => _byKey.Count;

    public static DemoRecording LoadEmbedded() => LoadEmbedded(ResourceName);

    /// <summary>Another platform's recording, e.g. "Controls.Collectors.Demo.Recordings.acme-outfitters-shopify.json".</summary>
    public static DemoRecording LoadEmbedded(string resourceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The demo recording {resourceName} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        return new DemoRecording(JsonSerializer.Deserialize<RecordingFile>(stream, FileFormat) ?? new RecordingFile());
    }

    public bool TryFind(string method, string path, string query, out RecordedResponse response, out string body)
    {
        if (_byKey.TryGetValue(Key(method, path, query), out var found))
        {
            (response, body) = found;
            return true;
        }

        response = null!;
        body = string.Empty;
        return false;
    }

    /// <summary>Method, unescaped path and query parameters sorted by name, so parameter order never causes a miss.</summary>
    public static string Key(string method, string path, string query) =>
        $"{method.ToUpperInvariant()} {Uri.UnescapeDataString(path.TrimEnd('/'))}?{NormaliseQuery(query)}";

    public static string NormaliseQuery(string query) => string.Join('&', query.TrimStart('?')
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(Uri.UnescapeDataString)
        .Order(StringComparer.Ordinal));
}
