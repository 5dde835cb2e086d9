using System.Text.Json;
using System.Text.Json.Nodes;
using Central.Data.Contacts;
using Central.Dialogs.Conversation.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Central.Dialogs.Conversation;

/// <summary>Everything a dialog needs during one turn: the message, the worker, their language, and what to say.</summary>
public sealed class TurnContext(Turn turn, Contact contact, Language language, IServiceProvider services, CancellationToken cancellationToken,
    Dictionary<string, JsonNode>? drafts = null)
{
    private readonly List<Reply> _replies = [];
    private readonly Dictionary<string, JsonNode> _drafts = drafts ?? [];

    public Turn Turn { get; } = turn;

    public Contact Contact { get; } = contact;

    public Language Language { get; set; } = language;

    public IServiceProvider Services { get; } = services;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public IReadOnlyList<Reply> Replies => _replies;

    public void Say(Text body, params IEnumerable<Choice> choices) => _replies.Add(new Reply(body, [.. choices]));

    /// <summary>The worker chose Stop: a cancelled dialog forgets its draft instead of keeping it.</summary>
    public bool Stopping { get; internal set; }

    /// <summary>Set by "delete my data": after this turn the engine erases the worker's data and keeps no state.</summary>
    public bool ForgetWorker { get; set; }

    public T? Draft<T>(string key) => _drafts.TryGetValue(key, out var node) ? node.Deserialize<T>(DialogContext.Json) : default;

    public void SaveDraft<T>(string key, T value) => _drafts[key] = JsonSerializer.SerializeToNode(value, DialogContext.Json)!;

    public void DropDraft(string key) => _drafts.Remove(key);

    internal void ClearReplies() => _replies.Clear();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}
