using Controls.Compliance.Collection;

namespace Controls.Collectors.Magento.Client;

/// <summary>A route Magento answered with an error, or could not complete; carries the failure as it is stored.</summary>
public class MagentoRequestException(CollectionFailure failure, Exception? inner = null) : Exception(failure.Reason, inner)
{
    public CollectionFailure Failure { get; } = failure;
}

/// <summary>
/// 401/403 "The consumer isn't authorized to access %resources." on one route: the integration (or admin role) lacks
/// the ACL resource. Magento answers the same for a token it does not recognise, so the collector aborts only when
/// every route is refused.
/// </summary>
public sealed class MagentoAccessDeniedException(CollectionFailure failure) : MagentoRequestException(failure);

/// <summary>The token endpoint refused the configured admin credentials; nothing can be read.</summary>
public sealed class MagentoUnauthorizedException(string message) : Exception(message);
