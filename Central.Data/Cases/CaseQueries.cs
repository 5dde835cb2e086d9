using System.Globalization;
using Central.Data.Storage;
using Dapper;

namespace Central.Data.Cases;

/// <summary>
/// What the caseworkers' queue shows. A null field filters nothing; <see cref="Status"/> null means the open cases,
/// <see cref="AnyStatus"/> every case.
/// </summary>
public sealed record QueueFilter
{
    public const string AnyStatus = "any";

    public string? Status { get; init; }
    public string? Category { get; init; }
    public string? Province { get; init; }
    public string? Employer { get; init; }
    public string? EmployerKey { get; init; }
    public bool Mine { get; init; }
    public bool Unassigned { get; init; }
}

/// <summary>One line of the queue: no personal data, so it can be listed and exported to anyone signed in.</summary>
public sealed record QueueRow
{
    public long Id { get; init; }
    public string CaseNumber { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string Channel { get; init; } = "";
    public string Language { get; init; } = "";
    public string Status { get; init; } = "";
    public bool Urgent { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? Employer { get; init; }
    public string? EmployerKey { get; init; }
    public string? Province { get; init; }
    public string? Sector { get; init; }
    public int? WorkersAffected { get; init; }
    public int? AssignedTo { get; init; }
    public string? AssignedName { get; init; }
    public bool Anonymous { get; init; }

    /// <summary>Other reports about the same employer (same <see cref="EmployerKey"/>).</summary>
    public int LinkedCount { get; init; }
}

public sealed record Count(string Key, string? Label, int Cases);

/// <summary>Cases opened in a period, counted four ways.</summary>
public sealed record CaseReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int Total,
    IReadOnlyList<Count> ByWeek,
    IReadOnlyList<Count> ByCategory,
    IReadOnlyList<Count> ByProvince,
    IReadOnlyList<Count> ByEmployer);

/// <summary>A worker who asked for a person, or whose conversation a caseworker has taken over.</summary>
public sealed record PersonWanted
{
    public long ContactId { get; init; }
    public string Channel { get; init; } = "";
    public string? Language { get; init; }
    public DateTimeOffset? LastInboundAt { get; init; }
    public DateTimeOffset? RequestedAt { get; init; }
    public int? CaseworkerId { get; init; }
    public string? CaseworkerName { get; init; }
    public DateTimeOffset? Since { get; init; }
}

/// <summary>
/// The workspace's reads across cases: the queue with its filters, linked reports, the figures for reports, and the
/// workers waiting for a person. Nothing here decrypts; the case page reads one case through <see cref="CaseStore"/>.
/// </summary>
public sealed class CaseQueries(Database database)
{
    public const int MaxQueue = 500;

    /// <summary>Urgent first, then oldest first.</summary>
    public async Task<IReadOnlyList<QueueRow>> QueueAsync(QueueFilter filter, int viewerId, int max, CancellationToken cancellationToken)
    {
        var args = new
        {
            max = Math.Clamp(max, 1, 100_000),
            status = filter.Status,
            categoryPattern = filter.Category is { Length: > 0 } category ? $"%,{EscapeLike(category)},%" : null,
            province = filter.Province,
            employerPattern = filter.Employer is { Length: > 0 } employer ? $"%{EscapeLike(employer.Trim())}%" : null,
            employerKey = filter.EmployerKey,
            mine = filter.Mine,
            unassigned = filter.Unassigned,
            viewerId,
        };
        await using var db = await database.OpenAsync(cancellationToken);
        var rows = await db.QueryAsync<Row>(new CommandDefinition(database.Sql(
            sqlite: """
                SELECT c.id AS Id, c.case_number AS CaseNumber, c.created_at AS CreatedAt, c.updated_at AS UpdatedAt, c.channel AS Channel,
                       c.language AS Language, c.status AS Status, c.urgency AS Urgency, c.category AS Category, c.employer AS Employer,
                       c.employer_key AS EmployerKey, c.province AS Province, c.sector AS Sector, c.workers_affected AS WorkersAffected,
                       c.assigned_to AS AssignedTo, w.name AS AssignedName, c.anonymous AS Anonymous,
                       (SELECT COUNT(*) FROM cases o WHERE o.employer_key = c.employer_key AND o.id <> c.id) AS LinkedCount
                FROM cases c LEFT JOIN caseworkers w ON w.id = c.assigned_to
                WHERE ((@status IS NULL AND c.status IN ('new', 'in_progress', 'waiting_for_worker')) OR @status = 'any' OR c.status = @status)
                  AND (@categoryPattern IS NULL OR (',' || c.category || ',') LIKE @categoryPattern ESCAPE '\')
                  AND (@province IS NULL OR c.province = @province)
                  AND (@employerPattern IS NULL OR c.employer LIKE @employerPattern ESCAPE '\')
                  AND (@employerKey IS NULL OR c.employer_key = @employerKey)
                  AND (@mine = 0 OR c.assigned_to = @viewerId)
                  AND (@unassigned = 0 OR c.assigned_to IS NULL)
                ORDER BY CASE WHEN c.urgency = 'urgent' THEN 0 ELSE 1 END, c.created_at, c.id
                LIMIT @max
                """,
            sqlServer: """
                SELECT TOP (@max) c.id AS Id, c.case_number AS CaseNumber, c.created_at AS CreatedAt, c.updated_at AS UpdatedAt,
                       c.channel AS Channel, c.language AS Language, c.status AS Status, c.urgency AS Urgency, c.category AS Category,
                       c.employer AS Employer, c.employer_key AS EmployerKey, c.province AS Province, c.sector AS Sector,
                       c.workers_affected AS WorkersAffected, c.assigned_to AS AssignedTo, w.name AS AssignedName, c.anonymous AS Anonymous,
                       (SELECT COUNT(*) FROM cases o WHERE o.employer_key = c.employer_key AND o.id <> c.id) AS LinkedCount
                FROM cases c LEFT JOIN caseworkers w ON w.id = c.assigned_to
                WHERE ((@status IS NULL AND c.status IN (N'new', N'in_progress', N'waiting_for_worker')) OR @status = N'any' OR c.status = @status)
                  AND (@categoryPattern IS NULL OR (N',' + c.category + N',') LIKE @categoryPattern ESCAPE N'\')
                  AND (@province IS NULL OR c.province = @province)
                  AND (@employerPattern IS NULL OR c.employer LIKE @employerPattern ESCAPE N'\')
                  AND (@employerKey IS NULL OR c.employer_key = @employerKey)
                  AND (@mine = 0 OR c.assigned_to = @viewerId)
                  AND (@unassigned = 0 OR c.assigned_to IS NULL)
                ORDER BY CASE WHEN c.urgency = N'urgent' THEN 0 ELSE 1 END, c.created_at, c.id
                """), args, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToQueueRow())];
    }

    /// <summary>The other reports about the same employer, newest first: the pattern a caseworker should see.</summary>
    public async Task<IReadOnlyList<QueueRow>> LinkedAsync(long caseId, CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        var rows = await db.QueryAsync<Row>(new CommandDefinition("""
            SELECT o.id AS Id, o.case_number AS CaseNumber, o.created_at AS CreatedAt, o.updated_at AS UpdatedAt, o.channel AS Channel,
                   o.language AS Language, o.status AS Status, o.urgency AS Urgency, o.category AS Category, o.employer AS Employer,
                   o.employer_key AS EmployerKey, o.province AS Province, o.sector AS Sector, o.workers_affected AS WorkersAffected,
                   o.assigned_to AS AssignedTo, w.name AS AssignedName, o.anonymous AS Anonymous, 0 AS LinkedCount
            FROM cases c
            JOIN cases o ON o.employer_key = c.employer_key AND o.id <> c.id
            LEFT JOIN caseworkers w ON w.id = o.assigned_to
            WHERE c.id = @caseId
            ORDER BY o.created_at DESC, o.id DESC
            """, new { caseId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToQueueRow())];
    }

    /// <summary>
    /// Cases opened in [<paramref name="from"/>, <paramref name="to"/>). Provinces and employers are counted by the
    /// database; weeks and categories here, because a case may name several categories (a comma list) and the two
    /// engines number weeks differently (ISO 8601 weeks, as CENTRAL reports them, are computed in .NET).
    /// </summary>
    public async Task<CaseReport> ReportAsync(DateTimeOffset from, DateTimeOffset to, int maxEmployers, CancellationToken cancellationToken)
    {
        var args = new { from, to, maxEmployers };
        await using var db = await database.OpenAsync(cancellationToken);
        var opened = (await db.QueryAsync<OpenedRow>(new CommandDefinition("""
            SELECT created_at AS CreatedAt, category AS Category FROM cases WHERE created_at >= @from AND created_at < @to
            """, args, cancellationToken: cancellationToken))).ToList();
        var provinces = await db.QueryAsync<CountRow>(new CommandDefinition("""
            SELECT COALESCE(province, '') AS Code, COUNT(*) AS Cases
            FROM cases WHERE created_at >= @from AND created_at < @to
            GROUP BY COALESCE(province, '')
            ORDER BY COUNT(*) DESC, COALESCE(province, '')
            """, args, cancellationToken: cancellationToken));
        // An employer is named as its newest report spells it: workers spell one factory many ways.
        var employers = await db.QueryAsync<CountRow>(new CommandDefinition(database.Sql(
            sqlite: """
                SELECT Code, Label, Cases FROM (
                    SELECT COALESCE(employer_key, '') AS Code, employer AS Label,
                           COUNT(*) OVER (PARTITION BY COALESCE(employer_key, '')) AS Cases,
                           ROW_NUMBER() OVER (PARTITION BY COALESCE(employer_key, '') ORDER BY created_at DESC, id DESC) AS Newest
                    FROM cases WHERE created_at >= @from AND created_at < @to) AS named
                WHERE Newest = 1
                ORDER BY Cases DESC, Label
                LIMIT @maxEmployers
                """,
            sqlServer: """
                SELECT TOP (@maxEmployers) Code, Label, Cases FROM (
                    SELECT COALESCE(employer_key, N'') AS Code, employer AS Label,
                           COUNT(*) OVER (PARTITION BY COALESCE(employer_key, N'')) AS Cases,
                           ROW_NUMBER() OVER (PARTITION BY COALESCE(employer_key, N'') ORDER BY created_at DESC, id DESC) AS Newest
                    FROM cases WHERE created_at >= @from AND created_at < @to) AS named
                WHERE Newest = 1
                ORDER BY Cases DESC, Label
                """), args, cancellationToken: cancellationToken));

        var weeks = new List<Count>();
        for (var monday = WeekStart(from); monday < to; monday = monday.AddDays(7))
        {
            var end = monday.AddDays(7);
            weeks.Add(new Count(monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(monday.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(monday.UtcDateTime):D2}"),
                opened.Count(o => o.CreatedAt >= monday && o.CreatedAt < end)));
        }
        var categories = opened
            .SelectMany(o => o.Category.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(c => c, StringComparer.Ordinal)
            .Select(g => new Count(g.Key, null, g.Count()))
            .OrderByDescending(c => c.Cases).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        return new CaseReport(from, to, opened.Count, weeks, categories,
            [.. provinces.Select(p => new Count(p.Code, null, p.Cases))],
            [.. employers.Select(e => new Count(e.Code, e.Label, e.Cases))]);
    }

    /// <summary>Workers waiting for a person (oldest request first), and conversations a caseworker has taken over.</summary>
    public async Task<IReadOnlyList<PersonWanted>> PeopleWantedAsync(CancellationToken cancellationToken)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        return [.. await db.QueryAsync<PersonWanted>(new CommandDefinition("""
            SELECT c.id AS ContactId, c.channel AS Channel, c.language AS Language, c.last_inbound_at AS LastInboundAt,
                   c.human_requested_at AS RequestedAt, c.human_caseworker_id AS CaseworkerId, w.name AS CaseworkerName,
                   c.human_since AS Since
            FROM contacts c LEFT JOIN caseworkers w ON w.id = c.human_caseworker_id
            WHERE c.human_requested_at IS NOT NULL OR c.human_caseworker_id IS NOT NULL
            ORDER BY CASE WHEN c.human_caseworker_id IS NULL THEN 0 ELSE 1 END, COALESCE(c.human_requested_at, c.human_since), c.id
            """, cancellationToken: cancellationToken))];
    }

    /// <summary>The Monday (UTC) that starts the ISO week holding <paramref name="at"/>.</summary>
    public static DateTimeOffset WeekStart(DateTimeOffset at)
    {
        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private sealed class Row
    {
        public long Id { get; init; }
        public string CaseNumber { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public string Channel { get; init; } = "";
        public string Language { get; init; } = "";
        public string Status { get; init; } = "";
        public string Urgency { get; init; } = "";
        public string Category { get; init; } = "";
        public string? Employer { get; init; }
        public string? EmployerKey { get; init; }
        public string? Province { get; init; }
        public string? Sector { get; init; }
        public int? WorkersAffected { get; init; }
        public int? AssignedTo { get; init; }
        public string? AssignedName { get; init; }
        public bool Anonymous { get; init; }
        public int LinkedCount { get; init; }

        public QueueRow ToQueueRow() => new()
        {
            Id = Id, CaseNumber = CaseNumber, CreatedAt = CreatedAt, UpdatedAt = UpdatedAt, Channel = Channel, Language = Language,
            Status = Status, Urgent = Urgency == "urgent", Categories = Category.Split(',', StringSplitOptions.RemoveEmptyEntries),
            Employer = Employer, EmployerKey = EmployerKey, Province = Province, Sector = Sector, WorkersAffected = WorkersAffected,
            AssignedTo = AssignedTo, AssignedName = AssignedName, Anonymous = Anonymous, LinkedCount = LinkedCount,
        };
    }

    private sealed class OpenedRow
    {
        public DateTimeOffset CreatedAt { get; init; }
        public string Category { get; init; } = "";
    }

    private sealed class CountRow
    {
        public string Code { get; init; } = "";
        public string? Label { get; init; }
        public int Cases { get; init; }
    }
}
