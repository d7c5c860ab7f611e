using Controls.Compliance.Collection;

namespace Controls.Collectors.Shopify.Client;

/// <summary>A query Shopify answered but refused or could not complete; carries the failure as it is stored.</summary>
public class ShopifyQueryException(CollectionFailure failure, Exception? inner = null) : Exception(failure.Reason, inner)
{
    public CollectionFailure Failure { get; } = failure;
}

/// <summary>ACCESS_DENIED: the app lacks the access scope the field needs (read_users, read_apps...).</summary>
public sealed class ShopifyAccessDeniedException(CollectionFailure failure) : ShopifyQueryException(failure);

/// <summary>401: the access token is wrong, uninstalled or revoked. Nothing else can be read with it.</summary>
public sealed class ShopifyUnauthorizedException(string message) : Exception(message);
