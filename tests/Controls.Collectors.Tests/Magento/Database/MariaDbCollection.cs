using Controls.Testing.MariaDb;

namespace Controls.Collectors.Tests.Magento.Database;

/// <summary>
/// Every test class that needs the private MariaDB server joins this collection: one server per test run, tests in it
/// run one at a time, and each test starts with <c>MagentoDatabaseFixture.ResetAsync()</c>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MariaDbCollection : ICollectionFixture<MagentoDatabaseFixture>
{
    public const string Name = "MariaDB";
}
