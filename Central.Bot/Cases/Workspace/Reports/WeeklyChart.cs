using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Central.Data.Cases;
using Microsoft.AspNetCore.Html;

namespace Central.Bot.Cases.Workspace.Reports;

/// <summary>
/// Cases per week as an SVG bar chart drawn on the server: no script, no chart library, no CDN, nothing for the
/// Content Security Policy to allow. Presentation attributes only (an inline style attribute would be blocked).
/// </summary>
public static class WeeklyChart
{
    private const int BarWidth = 22;
    private const int Gap = 8;
    private const int Plot = 150;
    private const int Baseline = Plot + 20;

    public static IHtmlContent Render(IReadOnlyList<Count> weeks, string titleId)
    {
        var max = Math.Max(1, weeks.Count == 0 ? 1 : weeks.Max(w => w.Cases));
        var width = Gap + weeks.Count * (BarWidth + Gap);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="chart" id="weekly-chart" viewBox="0 0 {width} {Plot + 50}" role="img" aria-labelledby="{Encode(titleId)}" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="0" y1="{Baseline}" x2="{width}" y2="{Baseline}" stroke="#8a8f98" stroke-width="1"/>""");
        for (var i = 0; i < weeks.Count; i++)
        {
            var week = weeks[i];
            var height = (int)Math.Round(Plot * week.Cases / (double)max);
            var x = Gap + i * (BarWidth + Gap);
            var middle = x + BarWidth / 2;
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect x="{x}" y="{Baseline - height}" width="{BarWidth}" height="{height}" fill="#1f5f8b" data-week="{Encode(week.Key)}" data-cases="{week.Cases}"><title>{Encode(week.Label)}: {week.Cases}</title></rect>""");
            if (week.Cases > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{middle}" y="{Baseline - height - 6}" text-anchor="middle" font-size="11" fill="#222">{week.Cases}</text>""");
            }
            var label = week.Label is { Length: > 5 } full ? full[5..] : week.Label;
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{middle}" y="{Baseline + 16}" text-anchor="middle" font-size="9" fill="#444">{Encode(label)}</text>""");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    private static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");
}
