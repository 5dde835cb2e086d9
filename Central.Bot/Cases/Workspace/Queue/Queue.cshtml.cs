using Central.Data.Cases;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Central.Bot.Cases.Workspace.Queue;

/// <summary>A case nobody has claimed for too long, shown above the queue.</summary>
public sealed record QueueWarning(QueueRow Case, bool Urgent, TimeSpan Waited);

public sealed class QueueModel(CaseQueries queries, IOptions<WorkspaceOptions> options, TimeProvider time) : PageModel
{
    public QueueFilter Filter { get; private set; } = new();

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public IReadOnlyList<QueueWarning> Warnings { get; private set; } = [];

    public int PeopleWaiting { get; private set; }

    public string Query => QueueFilters.ToQuery(Filter);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = QueueFilters.From(Request.Query);
        Rows = await queries.QueueAsync(Filter, User.CaseworkerId() ?? 0, CaseQueries.MaxQueue, cancellationToken);

        var settings = options.Value;
        var now = time.GetUtcNow();
        var unclaimed = await queries.QueueAsync(new QueueFilter { Unassigned = true }, 0, CaseQueries.MaxQueue, cancellationToken);
        Warnings =
        [
            .. unclaimed.Where(c => c.Urgent && now - c.CreatedAt > TimeSpan.FromHours(settings.UrgentUnclaimedHours))
                .Select(c => new QueueWarning(c, Urgent: true, now - c.CreatedAt)),
            .. unclaimed.Where(c => !c.Urgent && c.Status == CaseStatus.New && now - c.CreatedAt > TimeSpan.FromDays(settings.NewUnclaimedDays))
                .Select(c => new QueueWarning(c, Urgent: false, now - c.CreatedAt)),
        ];
        PeopleWaiting = (await queries.PeopleWantedAsync(cancellationToken)).Count(p => p.CaseworkerId is null);
    }
}
