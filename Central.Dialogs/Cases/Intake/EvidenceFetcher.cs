using System.Net;
using Central.Data.Cases;
using Central.Dialogs.Conversation;
using Microsoft.Extensions.Options;

namespace Central.Dialogs.Cases.Intake;

/// <summary>Where evidence may be fetched from and how big it may be (section <c>Evidence</c>).</summary>
public sealed class EvidenceOptions
{
    public int MaxMegabytes { get; set; } = 25;

    /// <summary>Hosts files may come from: the channels' CDNs. Anything else is refused, so a link can't make the
    /// service fetch from inside its own network.</summary>
    public List<string> AllowedHosts { get; set; } = ["*.fbcdn.net", "*.fbsbx.com", "*.facebook.com", "*.botframework.com", "*.botframework.azure.us"];

    public int FilesPerReport { get; set; } = 10;
}

public abstract record Fetched
{
    public sealed record Stored(NewAttachment File) : Fetched;
    public sealed record TooLarge(int LimitMegabytes) : Fetched;
    public sealed record Refused : Fetched;
    public sealed record Unreachable : Fetched;
}

/// <summary>
/// Downloads a file the worker sent while its link still works (Messenger's expire), within the size limit, and
/// keeps only kinds a caseworker can safely open — recognised by their first bytes, not by what the link claims.
/// </summary>
public sealed class EvidenceFetcher(IHttpClientFactory clients, IOptions<EvidenceOptions> options, TimeProvider time)
{
    public const string HttpClientName = "evidence";

    public async Task<Fetched> FetchAsync(TurnAttachment attachment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (attachment.Kind == TurnAttachment.Location)
        {
            var place = FormattableString.Invariant($"{attachment.Latitude},{attachment.Longitude}");
            return new Fetched.Stored(new NewAttachment(attachment.Kind, "text/plain", "location.txt", null, System.Text.Encoding.UTF8.GetBytes(place), now));
        }
        if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || !Allowed(url.Host))
        {
            return new Fetched.Refused();
        }
        var limit = options.Value.MaxMegabytes * 1024L * 1024L;
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return response.StatusCode is HttpStatusCode.RequestEntityTooLarge ? new Fetched.TooLarge(options.Value.MaxMegabytes) : new Fetched.Unreachable();
            }
            if (response.Content.Headers.ContentLength > limit)
            {
                return new Fetched.TooLarge(options.Value.MaxMegabytes);
            }
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return new Fetched.TooLarge(options.Value.MaxMegabytes);
                }
                buffer.Write(chunk, 0, read);
            }
            var bytes = buffer.ToArray();
            return FileKinds.Recognise(bytes) is { } type
                ? new Fetched.Stored(new NewAttachment(attachment.Kind, type, attachment.Name ?? FileName(url), attachment.Url, bytes, now))
                : new Fetched.Refused();
        }
        catch (HttpRequestException)
        {
            return new Fetched.Unreachable();
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Fetched.Unreachable();
        }
    }

    private bool Allowed(string host) => options.Value.AllowedHosts.Any(pattern =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) || host.Equals(pattern[2..], StringComparison.OrdinalIgnoreCase)
            : host.Equals(pattern, StringComparison.OrdinalIgnoreCase));

    private static string? FileName(Uri url) => Path.GetFileName(url.AbsolutePath) is { Length: > 0 and <= 200 } name ? name : null;
}

/// <summary>The file kinds kept as evidence, recognised by their signature bytes.</summary>
public static class FileKinds
{
    public static string? Recognise(byte[] bytes)
    {
        bool StartsWith(ReadOnlySpan<byte> magic, int offset = 0) => bytes.Length >= offset + magic.Length && bytes.AsSpan(offset, magic.Length).SequenceEqual(magic);
        if (StartsWith([0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (StartsWith([0x89, 0x50, 0x4E, 0x47])) return "image/png";
        if (StartsWith("GIF8"u8)) return "image/gif";
        if (StartsWith("RIFF"u8) && StartsWith("WEBP"u8, 8)) return "image/webp";
        if (StartsWith("RIFF"u8) && StartsWith("WAVE"u8, 8)) return "audio/wav";
        if (StartsWith("ftyp"u8, 4))
        {
            return StartsWith("ftypM4A"u8, 4) ? "audio/mp4" : StartsWith("ftypheic"u8, 4) || StartsWith("ftypmif1"u8, 4) ? "image/heic" : StartsWith("ftyp3gp"u8, 4) ? "video/3gpp" : StartsWith("ftypqt"u8, 4) ? "video/quicktime" : "video/mp4";
        }
        if (StartsWith([0x1A, 0x45, 0xDF, 0xA3])) return "video/webm";
        if (StartsWith("OggS"u8)) return "audio/ogg";
        if (StartsWith("#!AMR"u8)) return "audio/amr";
        if (StartsWith("ID3"u8) || StartsWith([0xFF, 0xFB]) || StartsWith([0xFF, 0xF3]) || StartsWith([0xFF, 0xF1]) || StartsWith([0xFF, 0xF9])) return "audio/mpeg";
        if (StartsWith("%PDF"u8)) return "application/pdf";
        if (StartsWith([0xD0, 0xCF, 0x11, 0xE0])) return "application/msword";
        if (StartsWith("PK\u0003\u0004"u8)) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        return null;
    }
}
