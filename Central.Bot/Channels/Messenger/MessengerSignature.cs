using System.Security.Cryptography;
using System.Text;

namespace Central.Bot.Channels.Messenger;

/// <summary>
/// Meta signs each webhook body with the app secret: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256&gt;</c>, over
/// the bytes as sent (Meta escapes non-ASCII as \uXXXX; re-serialised JSON would not match on Khmer text).
/// </summary>
public static class MessengerSignature
{
    private const string Prefix = "sha256=";

    public static bool IsValid(string appSecret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
        {
            return false;
        }
        byte[] given;
        try
        {
            given = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static string Sign(string appSecret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));
}
