using Controls.Testing.MariaDb;

namespace Controls.Collectors.Tests.Magento.Database;

/// <summary>The test server itself: without the binaries it must fail loudly, never let the database tests pass by skipping.</summary>
public sealed class MariaDbServerTests
{
    [Fact]
    public async Task Start_WhenMariaDbServerIsNotInstalled_FailsWithTheInstallCommand()
    {
        var empty = Directory.CreateTempSubdirectory("controls-no-mariadb-");
        try
        {
            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => MariaDbServer.StartAsync([empty.FullName]));

            Assert.Equal("mariadb-server is not installed: apt-get install -y mariadb-server", ex.Message);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
