using Microsoft.AspNetCore.OData;
using Microsoft.OData.UriParser;

namespace Controls.Api.OData;

public static class ODataServiceCollectionExtensions
{
    /// <summary>
    /// The read-only OData feed at /odata. JSON is the default format, so Excel ("Data &gt; Get Data &gt; From
    /// Other Sources &gt; From OData Feed", URL <c>http://127.0.0.1:5080/odata/</c>) and Power BI read it as is
    /// and follow the server-driven paging links.
    /// </summary>
    public static IHostApplicationBuilder AddControlsOData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReadModelQueries>();
        builder.Services.AddControllers().AddOData(options =>
        {
            options.EnableQueryFeatures(ControlsQueryAttribute.MaxTopValue);

            // Stored DateTimes are UTC; without this OData would present them in the server's zone.
            options.TimeZone = TimeZoneInfo.Utc;
            options.AddRouteComponents("odata", ControlsEdmModel.Build(), services =>
                // Lets people write Status eq 'Fail' instead of Status eq Controls.CheckStatus'Fail'.
                services.AddSingleton<ODataUriResolver>(new StringAsEnumResolver { EnableCaseInsensitive = true }));
        });
        return builder;
    }
}
