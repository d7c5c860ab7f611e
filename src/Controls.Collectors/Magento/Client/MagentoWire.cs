using System.Text.Json.Serialization;

namespace Controls.Collectors.Magento.Client;

// Wire shapes of the Magento 2.4 REST API (snake_case, as the Webapi serializer writes them). Only the fields the
// collector reads are declared; everything else in the body is ignored.

/// <summary>GET /V1/store/storeConfigs: one entry per store view (Magento\Store\Api\Data\StoreConfigInterface).</summary>
public sealed record MagentoStoreConfig(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("website_id")] int WebsiteId,
    [property: JsonPropertyName("locale")] string? Locale,
    [property: JsonPropertyName("base_currency_code")] string? BaseCurrencyCode,
    [property: JsonPropertyName("default_display_currency_code")] string? DefaultDisplayCurrencyCode,
    [property: JsonPropertyName("timezone")] string? Timezone,
    [property: JsonPropertyName("base_url")] string? BaseUrl,
    [property: JsonPropertyName("base_link_url")] string? BaseLinkUrl,
    [property: JsonPropertyName("secure_base_url")] string? SecureBaseUrl,
    [property: JsonPropertyName("secure_base_link_url")] string? SecureBaseLinkUrl);

/// <summary>GET /V1/store/websites (Magento\Store\Api\Data\WebsiteInterface).</summary>
public sealed record MagentoWebsite(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("default_group_id")] int DefaultGroupId);

/// <summary>GET /V1/tfa/forced-providers (Magento\TwoFactorAuth\Api\ProviderInterface; the engine object is not read).</summary>
public sealed record MagentoTfaProvider(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("enabled")] bool? Enabled);

/// <summary>
/// One customer of GET /V1/customers/search. Deliberately without email, names, dob or addresses: the collector
/// only aggregates, and what is not deserialised cannot leak into evidence.
/// </summary>
public sealed record MagentoCustomer(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("group_id")] int? GroupId,
    [property: JsonPropertyName("created_at")] string? CreatedAt,
    [property: JsonPropertyName("updated_at")] string? UpdatedAt,
    [property: JsonPropertyName("website_id")] int? WebsiteId,
    [property: JsonPropertyName("store_id")] int? StoreId);

/// <summary>The envelope of every /search endpoint (Magento\Framework\Api\SearchResultsInterface).</summary>
public sealed record MagentoSearchResult<T>(
    [property: JsonPropertyName("items")] IReadOnlyList<T>? Items,
    [property: JsonPropertyName("total_count")] int TotalCount);

/// <summary>Magento's error body: <c>{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"…"}}</c>.</summary>
public sealed record MagentoErrorBody(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("parameters")] System.Text.Json.JsonElement? Parameters);

public sealed class MagentoClientStats
{
    private int _requests;
    private int _retries;

    public int Requests => _requests;

    public int Retries => _retries;

    public void CountRequest() => Interlocked.Increment(ref _requests);

    public void CountRetry() => Interlocked.Increment(ref _retries);
}
