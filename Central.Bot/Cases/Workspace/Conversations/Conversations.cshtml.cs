using Central.Data.Cases;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Central.Bot.Cases.Workspace.Conversations;

/// <summary>Workers who asked the bot for a person (oldest first), then the conversations caseworkers have taken over.</summary>
public sealed class ConversationsModel(CaseQueries queries) : PageModel
{
    public IReadOnlyList<PersonWanted> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => People = await queries.PeopleWantedAsync(cancellationToken);
}
