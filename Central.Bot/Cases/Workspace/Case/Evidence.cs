using System.Globalization;
using System.Text.RegularExpressions;
using Central.Data.Audit;
using Central.Data.Cases;
using Microsoft.Net.Http.Headers;

namespace Central.Bot.Cases.Workspace.Case;

/// <summary>
/// <c>GET /workspace/cases/{number}/evidence/{id}</c>: a worker's photo, voice note, video or document, decrypted and
/// served to a signed-in caseworker only (never a raw storage link). Pictures, sound and video that a browser shows
/// safely are shown inline; anything else (documents, SVG, HTML, unknown) is a download as application/octet-stream.
/// A sandboxing policy and nosniff keep a hostile file from running as a page. Every view is audited.
/// </summary>
public static partial class Evidence
{
    private static readonly HashSet<string> ShownInline = new(StringComparer.Ordinal)
    {
        "image/jpeg", "image/png", "image/gif", "image/webp",
        "audio/mpeg", "audio/mp4", "audio/aac", "audio/ogg", "audio/wav", "audio/x-m4a",
        "video/mp4", "video/webm", "video/quicktime",
    };

    public static async Task<IResult> GetAsync(string number, long attachmentId, bool? download, HttpContext http, CaseStore cases, AuditLog audit,
        CancellationToken cancellationToken)
    {
        if (!CaseNumber().IsMatch(number) || await cases.FindAsync(number, cancellationToken) is not { } record
            || await cases.AttachmentContentAsync(record.Id, attachmentId, cancellationToken) is not { } found)
        {
            return Results.NotFound();
        }
        await audit.WriteAsync(http.User.Actor(), "evidence_viewed", record.CaseNumber,
            string.Create(CultureInfo.InvariantCulture, $"attachment {attachmentId}"), cancellationToken);

        var type = ContentType(found.Attachment.ContentType);
        var inline = ShownInline.Contains(type) && download != true;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        headers.ContentDisposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment")
        {
            FileNameStar = FileName(found.Attachment, attachmentId),
        }.ToString();
        return Results.Bytes(found.Content, inline ? type : "application/octet-stream", enableRangeProcessing: true);
    }

    public static bool IsInline(string? contentType) => ShownInline.Contains(ContentType(contentType));

    private static string ContentType(string? declared) =>
        (declared ?? "").Split(';')[0].Trim().ToLowerInvariant();

    private static string FileName(CaseAttachment attachment, long id)
    {
        var name = Path.GetFileName(attachment.FileName ?? "");
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/'))]);
        return name.Length is > 0 and <= 200 ? name : string.Create(CultureInfo.InvariantCulture, $"evidence-{id}");
    }

    [GeneratedRegex(@"^C-\d{4}-\d{5,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumber();
}
