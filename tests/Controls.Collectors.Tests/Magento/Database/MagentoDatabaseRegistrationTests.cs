using Controls.Collectors.Magento.Database;
using Controls.Collectors.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Tests.Magento.Database;

public sealed class MagentoDatabaseRegistrationTests
{
    [Fact]
    public async Task TheRealComposition_ProvidesOneReaderWithDefaultTimeouts()
    {
        await using var host = await CollectorTestHost.StartAsync("magento-db", "magento", "unused", []);

        var reader = host.Services.GetRequiredService<IMagentoDatabaseReader>();

        Assert.IsType<MySqlMagentoDatabaseReader>(reader);
        Assert.Same(reader, host.Services.GetRequiredService<IMagentoDatabaseReader>());
        var options = host.Services.GetRequiredService<IOptions<MagentoDatabaseOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(15), options.ConnectTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), options.CommandTimeout);
    }

    [Fact]
    public void AddMagentoDatabaseReader_BindsTheTimeoutsAndRejectsInvalidOnes()
    {
        var valid = Provider(new() { ["Controls:Magento:Database:CommandTimeout"] = "00:00:30" });
        Assert.Equal(TimeSpan.FromSeconds(30), valid.GetRequiredService<IOptions<MagentoDatabaseOptions>>().Value.CommandTimeout);

        var invalid = Provider(new() { ["Controls:Magento:Database:ConnectTimeout"] = "00:00:00" });
        var ex = Assert.Throws<OptionsValidationException>(() => invalid.GetRequiredService<IOptions<MagentoDatabaseOptions>>().Value);
        Assert.Contains("ConnectTimeout", ex.Message, StringComparison.Ordinal);

        static ServiceProvider Provider(Dictionary<string, string?> settings)
        {
            var services = new ServiceCollection();
            services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            services.AddMagentoDatabaseReader();
            return services.BuildServiceProvider();
        }
    }
}
