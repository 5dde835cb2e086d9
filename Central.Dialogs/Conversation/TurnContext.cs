using Central.Data.Contacts;
using Central.Dialogs.Conversation.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Dialogs.Conversation;

/// <summary>Everything a dialog needs during one turn: the message, the worker, their language, and what to say.</summary>
public sealed class TurnContext(Turn turn, Contact contact, Language language, IServiceProvider services, CancellationToken cancellationToken)
{
    private readonly List<Reply> _replies = [];

    public Turn Turn { get; } = turn;

    public Contact Contact { get; } = contact;

    public Language Language { get; set; } = language;

    public IServiceProvider Services { get; } = services;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public IReadOnlyList<Reply> Replies => _replies;

    public void Say(Text body, params IEnumerable<Choice> choices) => _replies.Add(new Reply(body, [.. choices]));

    internal void ClearReplies() => _replies.Clear();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}
