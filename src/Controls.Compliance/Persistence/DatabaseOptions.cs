namespace Controls.Compliance.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Controls:Database";

    /// <summary>"sqlite" (the embedded default). PostgreSQL follows; the model is kept provider-neutral for it.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>Defaults to a file under the data folder.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/controls.db";
}
