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
}
