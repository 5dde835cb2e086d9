using System.Globalization;
using System.Text;
using Central.Data.Audit;
using Central.Data.Cases;
using Microsoft.AspNetCore.Authorization;

namespace Central.Bot.Cases.Workspace.Queue;

/// <summary>
/// <c>GET /workspace/queue.csv</c>: the queue's filtered list as CSV for a spreadsheet (UTF-8 with a byte-order mark so
/// Excel reads Khmer). Reporters' names, phone numbers and descriptions only with <c>personal=true</c>, and only for
/// the roles allowed (<see cref="WorkspacePolicy.PersonalDataExport"/>). Cells a spreadsheet would run as a formula
/// are defused. Every export is audited.
/// </summary>
public static class QueueCsv
{
    public static async Task<IResult> GetAsync(HttpContext http, CaseQueries queries, CaseStore cases, AuditLog audit, IAuthorizationService authorization,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var filter = QueueFilters.From(http.Request.Query);
        var personal = http.Request.Query["personal"] == "true";
        if (personal && !(await authorization.AuthorizeAsync(http.User, WorkspacePolicy.PersonalDataExport)).Succeeded)
        {
            return Results.Forbid();
        }
        var rows = await queries.QueueAsync(filter, http.User.CaseworkerId() ?? 0, 100_000, cancellationToken);

        var csv = new StringBuilder();
        List<string> header =
        [
            WorkspaceTexts.ColumnCase, WorkspaceTexts.ColumnOpened, WorkspaceTexts.ColumnStatus, WorkspaceTexts.Urgent, WorkspaceTexts.ColumnWhat,
            WorkspaceTexts.ColumnEmployer, WorkspaceTexts.ColumnProvince, WorkspaceTexts.FieldSector, WorkspaceTexts.FieldWorkersAffected,
            WorkspaceTexts.ColumnAssigned, WorkspaceTexts.FieldLanguage, WorkspaceTexts.LinkedColumn,
        ];
        if (personal)
        {
            header.AddRange([WorkspaceTexts.FieldReporter, WorkspaceTexts.FieldPhone, WorkspaceTexts.FieldDescription]);
        }
        AppendLine(csv, header);
        foreach (var row in rows)
        {
            List<string?> cells =
            [
                row.CaseNumber, row.CreatedAt.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture), Display.Status(row.Status),
                row.Urgent ? WorkspaceTexts.Yes : WorkspaceTexts.No, string.Join("; ", row.Categories.Select(Display.Category)), row.Employer,
                Display.Province(row.Province), Display.Sector(row.Sector), row.WorkersAffected?.ToString(CultureInfo.InvariantCulture),
                row.AssignedName, Display.LanguageName(row.Language), row.LinkedCount.ToString(CultureInfo.InvariantCulture),
            ];
            if (personal && await cases.FindAsync(row.Id, cancellationToken) is { } full)
            {
                cells.AddRange([full.Anonymous ? WorkspaceTexts.Anonymous : full.ReporterName, full.Phone, full.Description]);
            }
            AppendLine(csv, cells);
        }
        await audit.WriteAsync(http.User.Actor(), "exported", "queue.csv",
            string.Create(CultureInfo.InvariantCulture, $"{rows.Count} rows; personal data: {(personal ? "yes" : "no")}; filter: {QueueFilters.ToQuery(filter)}"),
            cancellationToken);
        var name = string.Create(CultureInfo.InvariantCulture, $"central-cases-{time.GetUtcNow():yyyy-MM-dd}.csv");
        return Results.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())], "text/csv; charset=utf-8", name);
    }

    /// <summary>
    /// One CSV cell, always quoted. A leading = + - @ tab or carriage return would make a spreadsheet run the cell
    /// as a formula (CSV injection, OWASP): such cells get a leading apostrophe, which spreadsheets show as text.
    /// </summary>
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '|' or '%')
        {
            text = "'" + text;
        }
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void AppendLine(StringBuilder csv, IEnumerable<string?> cells) =>
        csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
}
