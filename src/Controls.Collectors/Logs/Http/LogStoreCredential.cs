using System.Net.Http.Headers;
using System.Text;
using Controls.Compliance.Collection;

namespace Controls.Collectors.Logs.Http;

/// <summary>
/// The credential convention of a log-store system (value of <c>Controls:Credentials:{CredentialName}</c>):
/// <list type="bullet">
/// <item><c>basic:&lt;user&gt;:&lt;password&gt;</c> — HTTP basic auth (OpenSearch security plugin users; the password may contain ':').</item>
/// <item>anything else — an Elasticsearch API key in its <c>encoded</c> form, sent as <c>Authorization: ApiKey &lt;value&gt;</c>
/// (an optional <c>apikey:</c> prefix is stripped).</item>
/// </list>
/// A malformed value aborts the run with a message naming where it is configured, never the value.
/// </summary>
public static class LogStoreCredential
{
    public static AuthenticationHeaderValue ToHeader(Secret credential, string credentialDescription)
    {
        var value = credential.Reveal().Trim();
        if (value.StartsWith("basic:", StringComparison.OrdinalIgnoreCase))
        {
            var rest = value["basic:".Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == rest.Length - 1)
            {
                throw new CollectionAbortedException(
                    $"The log-store credential {credentialDescription} starts with 'basic:' but is not 'basic:<user>:<password>' with both parts non-empty.");
            }

            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(rest)));
        }

        if (value.StartsWith("apikey:", StringComparison.OrdinalIgnoreCase))
        {
            value = value["apikey:".Length..];
        }

        if (value.Length == 0 || value.Any(char.IsWhiteSpace))
        {
            throw new CollectionAbortedException(
                $"The log-store credential {credentialDescription} is not a valid API key: use the 'encoded' value Elasticsearch returns when the key is created, or 'basic:<user>:<password>'.");
        }

        return new AuthenticationHeaderValue("ApiKey", value);
    }
}
