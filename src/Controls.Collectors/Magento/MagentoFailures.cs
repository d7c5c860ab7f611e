namespace Controls.Collectors.Magento;

internal static class MagentoFailures
{
    /// <summary>Bounded, single-line text from the platform: error pages must not flood the ledger.</summary>
    public static string? Trim(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..199] + "…";
    }
}
