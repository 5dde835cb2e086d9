using System.Security.Cryptography;
using System.Text;

namespace Central.Data.Storage;

/// <summary>
/// Encrypts personal data at rest (AES-256-GCM) and makes keyed hashes for looking it up without decrypting
/// (HMAC-SHA256). Both keys are derived from one configured master key, so rotating it is one setting.
/// </summary>
public sealed class PersonalDataCipher
{
    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _encryptionKey;
    private readonly byte[] _lookupKey;

    public PersonalDataCipher(byte[] masterKey)
    {
        if (masterKey.Length < 32)
        {
            throw new ArgumentException("The personal-data key must be at least 32 bytes (44 characters of base64).", nameof(masterKey));
        }
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "central/personal-data/encryption"u8.ToArray());
        _lookupKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "central/personal-data/lookup"u8.ToArray());
    }

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public string Encrypt(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    public string Decrypt(string ciphertext)
    {
        if (!ciphertext.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("This value was not written by PersonalDataCipher.");
        }
        var sealedBytes = Convert.FromBase64String(ciphertext[Prefix.Length..]);
        var length = sealedBytes.Length - NonceSize - TagSize;
        if (length < 0)
        {
            throw new CryptographicException("The encrypted value is truncated.");
        }
        var plain = new byte[length];
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Encrypts bytes (evidence files): a version byte, the nonce, the ciphertext and the tag.</summary>
    public byte[] EncryptBytes(ReadOnlySpan<byte> plain)
    {
        var sealedBytes = new byte[1 + NonceSize + plain.Length + TagSize];
        sealedBytes[0] = 1;
        var nonce = sealedBytes.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(1 + NonceSize, plain.Length), sealedBytes.AsSpan(1 + NonceSize + plain.Length));
        return sealedBytes;
    }

    public byte[] DecryptBytes(ReadOnlySpan<byte> sealedBytes)
    {
        var length = sealedBytes.Length - 1 - NonceSize - TagSize;
        if (length < 0 || sealedBytes[0] != 1)
        {
            throw new CryptographicException("This value was not written by PersonalDataCipher.EncryptBytes.");
        }
        var plain = new byte[length];
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Decrypt(sealedBytes.Slice(1, NonceSize), sealedBytes.Slice(1 + NonceSize, length), sealedBytes.Slice(1 + NonceSize + length), plain);
        return plain;
    }

    public string? EncryptOrNull(string? plaintext) => plaintext is null ? null : Encrypt(plaintext);

    public string? DecryptOrNull(string? ciphertext) => ciphertext is null ? null : Decrypt(ciphertext);

    /// <summary>A stable keyed hash (64 hex characters) for finding a value without storing it in clear.</summary>
    public string LookupKey(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes(value)));
}
