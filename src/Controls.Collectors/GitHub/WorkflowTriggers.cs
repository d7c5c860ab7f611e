using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Controls.Collectors.GitHub;

/// <summary>Reads the events of a workflow file's <c>on:</c> key (a string, a list, or a mapping of events).</summary>
public static class WorkflowTriggers
{
    public static IReadOnlyList<string> Parse(string? yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return [];
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return [];
            }

            // The representation model keeps scalars as text, so YAML 1.1's "on" == true does not bite; a
            // file written by a tool that quoted the key as true is accepted as well.
            var on = root.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "on" or "true" }).Value;
            IEnumerable<string> events = on switch
            {
                YamlScalarNode scalar when !string.IsNullOrEmpty(scalar.Value) => [scalar.Value],
                YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty),
                YamlMappingNode mapping => mapping.Children.Keys.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty),
                _ => [],
            };
            return events.Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }
        catch (YamlException)
        {
            // An unparsable workflow does not run either; it simply contributes no trigger.
            return [];
        }
    }
}
