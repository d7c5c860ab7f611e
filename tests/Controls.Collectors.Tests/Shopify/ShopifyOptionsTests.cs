using Controls.Collectors.Shopify;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Controls.Collectors.Tests.Shopify;

public sealed class ShopifyOptionsTests
{
    [Fact]
    public async Task Options_ByDefault_UseApiVersion2025_10AndFullPages()
    {
        var host = await ShopifyTestHost.StartAsync(null);
        try
        {
            var options = host.Services.GetRequiredService<IOptions<ShopifyOptions>>().Value;

            Assert.Equal("2025-10", options.ApiVersion);
            Assert.Equal(250, options.PageSize);
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFolder();
        }
    }

    [Theory]
    [InlineData("Controls:Shopify:ApiVersion", "2025-13")]
    [InlineData("Controls:Shopify:PageSize", "251")]
    public async Task Options_WhenInvalid_AreRejected(string key, string value)
    {
        var host = await ShopifyTestHost.StartAsync(null, settings: new Dictionary<string, string?> { [key] = value });
        try
        {
            Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<ShopifyOptions>>().Value);
        }
        finally
        {
            await host.DisposeAsync();
            host.DeleteFolder();
        }
    }
}
