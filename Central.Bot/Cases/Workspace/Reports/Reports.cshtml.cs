using System.Globalization;
using Central.Data.Cases;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Central.Bot.Cases.Workspace.Reports;

/// <summary>Cases opened per week (a chart drawn on the server as SVG: no scripts, no CDN), by category, province and employer.</summary>
public sealed class ReportsModel(CaseQueries queries, TimeProvider time) : PageModel
{
    public const int MaxWeeks = 104;

    public CaseReport Report { get; private set; } = null!;

    public string From { get; private set; } = "";

    public string To { get; private set; } = "";

    public async Task OnGetAsync(string? from, string? to, CancellationToken cancellationToken)
    {
        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var end = Parse(to)?.AddDays(1) ?? today.AddDays(1);
        var start = CaseQueries.WeekStart(Parse(from) ?? end.AddDays(-7 * 12));
        if (start >= end || (end - start).TotalDays > 7 * MaxWeeks)
        {
            start = CaseQueries.WeekStart(end.AddDays(-7 * 12));
        }
        From = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        To = end.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Report = await queries.ReportAsync(start, end, 20, cancellationToken);
    }

    private static DateTimeOffset? Parse(string? date) =>
        DateTimeOffset.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;
}
