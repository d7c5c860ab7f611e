using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Controls.Compliance.Evidence;

/// <summary>
/// The one JSON form evidence is stored and hashed in: camelCase, object keys sorted ordinally, no
/// insignificant white space. Two observations of the same state therefore hash the same, whatever order a
/// platform returned the fields in.
/// </summary>
public static class CanonicalJson
{
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Serialize<T>(T value)
    {
        var node = JsonSerializer.SerializeToNode(value, SerializerOptions);
        return Canonicalize(node);
    }

    public static string Canonicalize(JsonNode? node)
    {
        var sorted = Sort(node);
        return sorted?.ToJsonString(SerializerOptions) ?? "null";
    }

    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sort).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
