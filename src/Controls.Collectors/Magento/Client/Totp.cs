using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Controls.Collectors.Magento.Client;

/// <summary>
/// RFC 6238 time-based one-time passwords as Google Authenticator (and Magento's google provider) computes them:
/// HMAC-SHA1, 30-second step from the Unix epoch, 6 digits, key given as RFC 4648 base32.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    public static string Compute(string base32Secret, DateTimeOffset at)
    {
        if (!TryDecodeBase32(base32Secret, out var key))
        {
            throw new FormatException("The TOTP secret is not valid base32.");
        }

        return Compute(key, at.ToUnixTimeSeconds() / StepSeconds, Digits);
    }

    /// <summary>The HOTP value (RFC 4226) of <paramref name="counter"/>; public so the RFC test vectors can be checked.</summary>
    public static string Compute(byte[] key, long counter, int digits)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> hash = stackalloc byte[20];

        // SHA-1 is what RFC 6238 and every authenticator app use for these codes; it is an HMAC, not a signature.
#pragma warning disable CA5350
        HMACSHA1.HashData(key, message, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>RFC 4648 base32, case-insensitive, spaces and '=' padding ignored.</summary>
    public static bool TryDecodeBase32(string text, out byte[] bytes)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0, symbols = 0;
        foreach (var raw in text)
        {
            if (raw is ' ' or '=' or '-')
            {
                continue;
            }

            var value = Alphabet.IndexOf(char.ToUpperInvariant(raw), StringComparison.Ordinal);
            if (value < 0)
            {
                bytes = [];
                return false;
            }

            symbols++;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)((buffer >> bits) & 0xff));
            }
        }

        bytes = [.. output];
        return symbols > 0 && bytes.Length > 0;
    }
}
