using Controls.Collectors.Magento;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Tests.Magento;

public sealed class MagentoOptionsTests
{
    [Fact]
    public async Task Options_ByDefault_AddressAllStoreViews()
    {
        var host = await MagentoTestHost.StartAsync(null, null);
        try
        {
            var options = host.Services.GetRequiredService<IOptions<MagentoOptions>>().Value;

            Assert.Equal("all", options.StoreCode);
            Assert.Equal(200, options.PageSize);
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFolder();
        }
    }

    [Theory]
    [InlineData("Controls:Magento:StoreCode", "All Stores")]
    [InlineData("Controls:Magento:PageSize", "0")]
    [InlineData("Controls:Magento:MaxRetryAfter", "00:30:00")]
    public async Task Options_WhenInvalid_AreRejected(string key, string value)
    {
        var host = await MagentoTestHost.StartAsync(null, null, settings: new Dictionary<string, string?> { [key] = value });
        try
        {
            Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<MagentoOptions>>().Value);
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFolder();
        }
    }
}
