using Controls.Compliance.Systems;
using Microsoft.Extensions.Configuration;

namespace Controls.Compliance.Collection;

/// <summary>
/// Resolves a system's credential from configuration key <c>Controls:Credentials:{CredentialName}</c>
/// (environment variable <c>Controls__Credentials__{name}</c>, or user-secrets). Tokens live only in memory.
/// </summary>
public sealed class CredentialProvider(IConfiguration configuration)
{
    public Secret? Resolve(ConnectedSystem system)
    {
        if (string.IsNullOrWhiteSpace(system.CredentialName))
        {
            return null;
        }

        var value = configuration[$"Controls:Credentials:{system.CredentialName}"];
        return string.IsNullOrWhiteSpace(value) ? null : new Secret(value.Trim());
    }

    /// <summary>
    /// A second secret of the same system, at <c>Controls:Credentials:{CredentialName}:{part}</c> (environment variable
    /// <c>Controls__Credentials__{name}__{part}</c>): e.g. the read-only database connection string of a Magento instance
    /// next to its REST token. Null when not configured.
    /// </summary>
    public Secret? ResolvePart(ConnectedSystem system, string part)
    {
        if (string.IsNullOrWhiteSpace(system.CredentialName))
        {
            return null;
        }

        var value = configuration[$"Controls:Credentials:{system.CredentialName}:{part}"];
        return string.IsNullOrWhiteSpace(value) ? null : new Secret(value.Trim());
    }

    /// <summary>The configuration key of a credential part, for messages (never the value).</summary>
    public static string KeyOf(ConnectedSystem system, string? part = null) =>
        part is null ? $"Controls:Credentials:{system.CredentialName}" : $"Controls:Credentials:{system.CredentialName}:{part}";
}
