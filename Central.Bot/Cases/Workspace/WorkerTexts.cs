using Central.Dialogs.Conversation.Localization;

namespace Central.Bot.Cases.Workspace;

/// <summary>What the workspace sends a worker, in the worker's language (not the caseworker's screen language).</summary>
public static class WorkerTexts
{
    public static readonly UiTable Table = new(typeof(WorkerTexts));

    public static string StatusChanged(Language language, string caseNumber, string status) =>
        Table.Format(language.Culture(), nameof(StatusChanged), caseNumber, status);

    public static string FromCaseworker(Language language, string text) =>
        Table.Format(language.Culture(), nameof(FromCaseworker), text);
}
