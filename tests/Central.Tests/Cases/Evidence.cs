namespace Central.Tests.Cases;

/// <summary>Small but real files, with the signature bytes their kinds start with.</summary>
public static class Evidence
{
    public static byte[] Jpeg(int size = 2048)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        return bytes;
    }

    public static byte[] VoiceNote() => [0, 0, 0, 0x1C, .. "ftypM4A "u8.ToArray(), .. new byte[512]];

    public static byte[] Executable() => [.. "MZ"u8.ToArray(), .. new byte[1024]];
}
