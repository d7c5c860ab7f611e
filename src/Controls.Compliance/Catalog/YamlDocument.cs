using System.Globalization;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Controls.Compliance.Catalog;

/// <summary>
/// A YAML file turned into a JSON tree for schema validation, remembering where every node stood in the file
/// so schema and semantic errors can name the line. Plain scalars that read as numbers or booleans become
/// JSON numbers or booleans, which is how the schema catches the classic YAML trap of an unquoted "5.10".
/// </summary>
internal sealed class YamlDocument
{
    private readonly Dictionary<string, Mark> _marks = new(StringComparer.Ordinal);

    private YamlDocument(string relativePath, JToken root)
    {
        RelativePath = relativePath;
        Root = root;
    }

    public string RelativePath { get; }

    public JToken Root { get; private set; }

    public static YamlDocument Parse(string relativePath, string text, List<CatalogError> errors)
    {
        var document = new YamlDocument(relativePath, JValue.CreateNull());
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            errors.Add(new CatalogError(relativePath, (int)ex.Start.Line, (int)ex.Start.Column, "malformed YAML: " + (ex.InnerException?.Message ?? ex.Message)));
            return document;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this, without a position, on some broken flow collections.
            var (line, column) = LastGoodPosition(text);
            errors.Add(new CatalogError(relativePath, line, column, "malformed YAML: the document cannot be parsed after this point (check brackets and quotes)"));
            return document;
        }

        if (stream.Documents.Count != 1)
        {
            errors.Add(new CatalogError(relativePath, 1, 1, $"expected exactly one YAML document, found {stream.Documents.Count}"));
            return document;
        }

        document.Root = document.Convert(stream.Documents[0].RootNode, "#");
        return document;
    }

    /// <summary>Locates a JSON path in the file. Falls back to the nearest located ancestor.</summary>
    public CatalogError ErrorAt(string path, string message)
    {
        var probe = path;
        while (true)
        {
            if (_marks.TryGetValue(probe, out var mark))
            {
                return new CatalogError(RelativePath, (int)mark.Line, (int)mark.Column, message);
            }

            var cut = Math.Max(probe.LastIndexOf('.'), probe.LastIndexOf('['));
            var slash = probe.LastIndexOf('/');
            cut = Math.Max(cut, slash);
            if (cut <= 0)
            {
                return new CatalogError(RelativePath, 1, 1, message);
            }

            probe = probe[..cut];
            if (probe == "#")
            {
                return new CatalogError(RelativePath, 1, 1, message);
            }
        }
    }

    private static (int Line, int Column) LastGoodPosition(string text)
    {
        var parser = new Parser(new StringReader(text));
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current?.End ?? last;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or YamlException)
        {
            // Expected: this is the failure being located.
        }

        return ((int)Math.Max(1, last.Line), (int)Math.Max(1, last.Column));
    }

    private JToken Convert(YamlNode node, string path)
    {
        _marks[path] = node.Start;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var key = keyNode is YamlScalarNode scalarKey ? scalarKey.Value ?? string.Empty : "<complex key>";
                    var childPath = path == "#" ? "#/" + key : path + "." + key;
                    obj[key] = Convert(valueNode, childPath);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(Convert(sequence.Children[i], $"{path}[{i}]"));
                }

                return array;
            case YamlScalarNode scalar:
                return ConvertScalar(scalar);
            default:
                return JValue.CreateNull();
        }
    }

    private static JValue ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return new JValue(value);
        }

        if (value.Length == 0 || value is "~" or "null")
        {
            return JValue.CreateNull();
        }

        if (value is "true" or "false")
        {
            return new JValue(value == "true");
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            return new JValue(integer);
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new JValue(number);
        }

        return new JValue(value);
    }
}
