namespace Controls.Compliance.Catalog;

/// <summary>One problem in a catalog file, located so a reviewer can jump to it.</summary>
public sealed record CatalogError(string File, int Line, int Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

/// <summary>Thrown when the catalog is invalid; the platform refuses to start rather than measure against a broken catalog.</summary>
public sealed class CatalogValidationException : Exception
{
    public CatalogValidationException(IReadOnlyList<CatalogError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public CatalogValidationException()
        : this([])
    {
    }

    public CatalogValidationException(string message)
        : this([new CatalogError("control-catalog", 0, 0, message)])
    {
    }

    public CatalogValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new CatalogError("control-catalog", 0, 0, message)];
    }

    public IReadOnlyList<CatalogError> Errors { get; }

    private static string Describe(IReadOnlyList<CatalogError> errors)
    {
        const int Shown = 25;
        var lines = errors.Take(Shown).Select(e => "  " + e);
        var more = errors.Count > Shown ? $"{Environment.NewLine}  … and {errors.Count - Shown} more" : string.Empty;
        return $"The control catalog is invalid ({errors.Count} error(s)):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
