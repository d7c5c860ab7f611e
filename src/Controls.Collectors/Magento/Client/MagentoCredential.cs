namespace Controls.Collectors.Magento.Client;

public enum MagentoCredentialKind
{
    /// <summary>An integration access token or an admin token, sent as <c>Authorization: Bearer</c>.</summary>
    Bearer,

    /// <summary>Admin username and password exchanged at POST /V1/integration/admin/token.</summary>
    Admin,

    /// <summary>Admin username, password and Google Authenticator secret, exchanged at POST /V1/tfa/provider/google/authenticate.</summary>
    AdminTwoFactor,
}

/// <summary>
/// The parsed value of <c>Controls:Credentials:{name}</c>: <c>bearer:&lt;token&gt;</c> (a plain token is accepted too),
/// <c>admin:&lt;username&gt;:&lt;password&gt;</c> or <c>admin-tfa:&lt;username&gt;:&lt;password&gt;:&lt;base32 TOTP secret&gt;</c>.
/// The password may contain ':' (the username and the base32 secret cannot). ToString never shows a secret.
/// </summary>
public sealed class MagentoCredential
{
    private MagentoCredential(MagentoCredentialKind kind, string? token, string? username, string? password, string? totpSecret)
    {
        Kind = kind;
        Token = token;
        Username = username;
        Password = password;
        TotpSecret = totpSecret;
    }

    public MagentoCredentialKind Kind { get; }

    public string? Token { get; }

    public string? Username { get; }

    public string? Password { get; }

    public string? TotpSecret { get; }

    /// <summary>Every secret part, for scrubbing messages built from platform text.</summary>
    public IReadOnlyList<string> Secrets => new[] { Token, Password, TotpSecret }.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();

    /// <summary>Parses the value; null with a reason (never containing the value) when it is malformed.</summary>
    public static MagentoCredential? Parse(string value, out string? problem)
    {
        problem = null;
        value = value.Trim();
        if (value.StartsWith("bearer:", StringComparison.OrdinalIgnoreCase))
        {
            var token = value["bearer:".Length..].Trim();
            if (token.Length == 0)
            {
                problem = "the bearer credential has no token after 'bearer:'";
                return null;
            }

            return new MagentoCredential(MagentoCredentialKind.Bearer, token, null, null, null);
        }

        if (value.StartsWith("admin-tfa:", StringComparison.OrdinalIgnoreCase))
        {
            var rest = value["admin-tfa:".Length..];
            var first = rest.IndexOf(':', StringComparison.Ordinal);
            var last = rest.LastIndexOf(':');
            if (first <= 0 || last <= first || last == rest.Length - 1)
            {
                problem = "an admin-tfa credential must be admin-tfa:<username>:<password>:<base32 TOTP secret>";
                return null;
            }

            var secret = rest[(last + 1)..].Trim();
            if (!Totp.TryDecodeBase32(secret, out _))
            {
                problem = "the TOTP secret of the admin-tfa credential is not valid base32";
                return null;
            }

            return new MagentoCredential(MagentoCredentialKind.AdminTwoFactor, null, rest[..first], rest[(first + 1)..last], secret);
        }

        if (value.StartsWith("admin:", StringComparison.OrdinalIgnoreCase))
        {
            var rest = value["admin:".Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == rest.Length - 1)
            {
                problem = "an admin credential must be admin:<username>:<password>";
                return null;
            }

            return new MagentoCredential(MagentoCredentialKind.Admin, null, rest[..colon], rest[(colon + 1)..], null);
        }

        return new MagentoCredential(MagentoCredentialKind.Bearer, value, null, null, null);
    }

    public override string ToString() => Kind switch
    {
        MagentoCredentialKind.Bearer => "bearer:***",
        MagentoCredentialKind.Admin => $"admin:{Username}:***",
        _ => $"admin-tfa:{Username}:***:***",
    };
}
